/** Outbox delivery to a real SMTP sink on 127.0.0.1: every message once, retries with backoff through an outage, restarts. */
import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import PostalMime from "postal-mime";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backoff, OutboxWorker } from "../../pipeline/service/mailer.ts";
import { type Harness, startHarness, submit, TEST_SECRET } from "./harness.ts";

/** An SMTP sink that records every message it accepts. */
class Sink {
  received: { messageId: string; to: string; raw: string }[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, session, callback) => {
        let raw = "";
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => {
          raw += chunk;
        });
        stream.on("end", () => {
          const messageId = /^Message-ID: (.*)$/im.exec(raw)?.[1]?.trim() ?? "";
          this.received.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

let h: Harness;
const sink = new Sink();
const clock = { ms: Date.parse("2026-03-02T08:00:00Z") };
const now = () => new Date(clock.ms);

beforeAll(async () => {
  h = await startHarness({ now });
  await sink.start();
});
afterAll(async () => {
  await sink.stop();
  await h.dispose();
});

const worker = () =>
  new OutboxWorker(
    h.service.ctx.repo.db,
    {
      smtpUrl: `smtp://127.0.0.1:${sink.port}`,
      from: "Signalements <ne-pas-repondre@signalements.example.fr>",
      secret: TEST_SECRET,
      publicUrl: "http://localhost:3000",
      backoffMs: 1_000,
      maxBackoffMs: 8_000,
      maxAttempts: 10,
      pollMs: 50,
    },
    now,
  );

const outbox = () =>
  h.service.ctx.repo.db
    .prepare("select smtp_message_id, status, attempts, next_attempt_at, last_error from outbox order by message_id")
    .all() as {
    smtp_message_id: string;
    status: string;
    attempts: number;
    next_attempt_at: string;
    last_error: string | null;
  }[];

test("backoff doubles from the base up to the cap", () => {
  expect([1, 2, 3, 4, 5, 9].map((n) => backoff(n, 1_000, 8_000))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
});

test("messages reach the sink once each, through an outage and a worker restart", async () => {
  const agent = h.key("agent", "Équipe propreté");
  const a = await submit(h, { service_code: "depot_sauvage", email: "alex@exemple.test", description: "a" });
  const b = await submit(h, { service_code: "depot_sauvage", email: "noa@exemple.test", description: "b" });
  await submit(h, { service_code: "depot_sauvage", description: "sans courriel" });
  const ack = await h.request("POST", `/agent/v1/requests/${a.ticket}/events`, {
    body: { action: "acknowledge" },
    headers: { "x-api-key": agent },
  });
  expect(ack.status).toBe(201);

  let w = worker();
  expect(await w.drain()).toBe(3);
  expect(sink.received.map((m) => m.to)).toEqual(["alex@exemple.test", "noa@exemple.test", "alex@exemple.test"]);
  const token = createHmac("sha256", TEST_SECRET).update(`suivi:${a.ticket}`).digest("base64url");
  const first = await PostalMime.parse(sink.received[0]?.raw ?? "");
  expect(first.subject).toBe(`Signalement ${a.ticket} : bien reçu`);
  expect(first.messageId).toBe(outbox()[0]?.smtp_message_id);
  expect(first.text).toContain(`Suivez chaque étape ici :\nhttp://localhost:3000/suivi/${a.ticket}?jeton=${token}\n`);
  expect(sink.received.some((m) => m.raw.includes("{{"))).toBe(false);

  // Outage: the sink goes away while two more stage changes are announced.
  const port = sink.port;
  await sink.stop();
  for (const body of [{ action: "acknowledge" }, { action: "route", service_code: "PROPRETE" }]) {
    const res = await h.request("POST", `/agent/v1/requests/${b.ticket}/events`, { body, headers: { "x-api-key": agent } });
    expect(res.status).toBe(201);
  }
  expect(await w.drain()).toBe(0);
  expect(outbox().slice(3)).toEqual([
    expect.objectContaining({ status: "pending", attempts: 1, next_attempt_at: "2026-03-02T08:00:01Z" }),
    expect.objectContaining({ status: "pending", attempts: 1, next_attempt_at: "2026-03-02T08:00:01Z" }),
  ]);
  expect(outbox()[3]?.last_error).not.toContain("@");
  expect(await w.drain()).toBe(0);
  expect(outbox()[3]?.attempts).toBe(1); // not due yet: the backoff holds
  clock.ms += 1_000;
  expect(await w.drain()).toBe(0);
  expect(
    outbox()
      .slice(3)
      .map((m) => [m.attempts, m.next_attempt_at]),
  ).toEqual([
    [2, "2026-03-02T08:00:03Z"],
    [2, "2026-03-02T08:00:03Z"],
  ]);

  // Recovery after a worker restart: the state lives in the store, not in the worker.
  await w.stop();
  await sink.start(port);
  w = worker();
  expect(await w.drain()).toBe(0);
  clock.ms += 2_000;
  expect(await w.drain()).toBe(2);
  expect(await worker().drain()).toBe(0);
  await w.stop();

  const ids = sink.received.map((m) => m.messageId);
  expect(ids).toHaveLength(5);
  expect(new Set(ids).size).toBe(5);
  expect(ids.sort()).toEqual(
    outbox()
      .map((m) => m.smtp_message_id)
      .sort(),
  );
  expect(outbox().every((m) => m.status === "sent")).toBe(true);
});
