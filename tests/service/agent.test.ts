/** Agent API over real HTTP: every transition and its refusals, roles, revoked keys, idempotent events, warehouse pick-up. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { revokeKey } from "../../pipeline/service/secrets.ts";
import { runPipeline } from "../../pipeline/warehouse/run.ts";
import { type Harness, startHarness, submit } from "./harness.ts";

let h: Harness;
let agent: string;
let director: string;
let otherDirector: string;
const clock = { ms: Date.parse("2026-03-02T08:00:00Z") };

beforeAll(async () => {
  h = await startHarness({ now: () => new Date(clock.ms) });
  agent = h.key("agent", "Équipe voirie");
  director = h.key("district_director", "Direction Gare–Kléber", "gare_kleber");
  otherDirector = h.key("district_director", "Direction Robertsau", "robertsau");
});
afterAll(() => h.dispose());

const act = async (ticket: string, key: string | null, body: unknown, headers: Record<string, string> = {}) => {
  clock.ms += 3_600_000;
  const res = await h.request("POST", `/agent/v1/requests/${ticket}/events`, {
    body,
    headers: key ? { "x-api-key": key, ...headers } : headers,
  });
  return { status: res.status, json: res.json as Record<string, unknown> };
};
const error = (code: number, description: string) => ({ status: code, json: [{ code, description }] });

describe("the whole lifecycle, one step at a time", () => {
  let ticket: string;
  beforeAll(async () => {
    ticket = (await submit(h)).ticket;
  });

  test.each([
    [
      "agent",
      { action: "schedule", planned_date: "2026-03-20" },
      error(409, "action « schedule » impossible à l'étape « Reçu » (actions possibles : acknowledge)"),
    ],
    ["agent", { action: "acknowledge" }, { status: 201, stage: "acknowledged", status_description: "Pris en compte" }],
    [
      "agent",
      { action: "acknowledge" },
      error(409, "action « acknowledge » impossible à l'étape « Pris en compte » (actions possibles : route, escalate)"),
    ],
    ["agent", { action: "route", service_code: "NOPE" }, error(400, "service_code : service inconnu du registre des services")],
    ["agent", { action: "route" }, error(400, "service_code : service_code manquant")],
    [
      "agent",
      { action: "route", service_code: "VOIRIE" },
      { status: 201, stage: "routed", status_description: "Transmis au service compétent" },
    ],
    ["agent", { action: "reroute", service_code: "VOIRIE" }, error(409, "signalement déjà affecté à ce service")],
    [
      "agent",
      { action: "reroute", service_code: "ECLAIRAGE" },
      { status: 201, stage: "rerouted", status_description: "Transmis à un autre service" },
    ],
    ["agent", { action: "escalate" }, { status: 201, stage: "escalated", status_description: "Transmis à la direction de territoire" }],
    ["agent", { action: "start" }, error(403, "signalement escaladé : seule la direction de territoire ou un administrateur peut agir")],
    [
      "other",
      { action: "schedule", planned_date: "2026-03-20" },
      error(403, "signalement hors du quartier de cette direction de territoire"),
    ],
    ["director", { action: "schedule", planned_date: "2026-02-30" }, error(400, "planned_date : date inexistante")],
    [
      "director",
      { action: "schedule", planned_date: "2026-03-20" },
      { status: 201, stage: "scheduled", status_description: "Intervention programmée" },
    ],
    ["agent", { action: "start" }, { status: 201, stage: "in_progress", status_description: "Intervention en cours" }],
    [
      "agent",
      { action: "start" },
      error(409, "action « start » impossible à l'étape « Intervention en cours » (actions possibles : escalate, schedule, close)"),
    ],
    ["agent", { action: "close", resolution_code: "REPARE" }, error(400, "public_note : public_note manquante")],
    [
      "agent",
      { action: "close", resolution_code: "FINI", public_note: "x" },
      error(400, "resolution_code : resolution_code doit valoir REPARE, NON_COMPETENT, DOUBLON, SANS_SUITE, TRANSMIS_TIERS"),
    ],
    [
      "agent",
      { action: "close", resolution_code: "REPARE", public_note: "Lampadaire remplacé." },
      { status: 201, stage: "closed", status_description: "Clôturé" },
    ],
    ["agent", { action: "reopen" }, error(403, "action « reopen » non autorisée pour le rôle « agent »")],
    [
      "agent",
      { action: "fly" },
      error(400, "action : action inconnue (acknowledge, route, reroute, escalate, schedule, start, close, reopen)"),
    ],
    ["director", { action: "reopen" }, { status: 201, stage: "reopened", status_description: "Rouvert" }],
    [
      "agent",
      { action: "close", resolution_code: "REPARE", public_note: "Lampadaire remplacé à nouveau." },
      { status: 201, stage: "closed", status_description: "Clôturé" },
    ],
  ])("%s %j", async (who, body, expected) => {
    const key = who === "agent" ? agent : who === "director" ? director : otherDirector;
    const res = await act(ticket, key, body);
    if ("stage" in expected)
      expect({ status: res.status, stage: res.json.stage, status_description: res.json.status_description }).toEqual(expected);
    else expect(res).toEqual(expected);
  });

  test("the accepted actions are status events of the api source, read by Open311, and announced by e-mail", async () => {
    const db = h.service.ctx.repo.db;
    expect(
      db
        .prepare(
          "select event_type, service_code, planned_date, resolution_code, agent from status_events where origin_ref = ? order by event_id",
        )
        .all(ticket),
    ).toEqual([
      { event_type: "received", service_code: null, planned_date: null, resolution_code: null, agent: null },
      { event_type: "acknowledged", service_code: null, planned_date: null, resolution_code: null, agent: "Équipe voirie" },
      { event_type: "routed", service_code: "VOIRIE", planned_date: null, resolution_code: null, agent: "Équipe voirie" },
      { event_type: "rerouted", service_code: "ECLAIRAGE", planned_date: null, resolution_code: null, agent: "Équipe voirie" },
      { event_type: "escalated", service_code: null, planned_date: null, resolution_code: null, agent: "Équipe voirie" },
      { event_type: "scheduled", service_code: null, planned_date: "2026-03-20", resolution_code: null, agent: "Direction Gare–Kléber" },
      { event_type: "in_progress", service_code: null, planned_date: null, resolution_code: null, agent: "Équipe voirie" },
      { event_type: "closed", service_code: null, planned_date: null, resolution_code: "REPARE", agent: "Équipe voirie" },
      { event_type: "reopened", service_code: null, planned_date: null, resolution_code: null, agent: "Direction Gare–Kléber" },
      { event_type: "closed", service_code: null, planned_date: null, resolution_code: "REPARE", agent: "Équipe voirie" },
    ]);
    const open311 = await h.request("GET", `/open311/v2/requests/${ticket}.json`);
    expect(open311.json).toMatchObject([
      { status: "closed", status_description: "Clôturé", agency_responsible: "Éclairage public", expected_datetime: "2026-03-20" },
    ]);
    const subjects = (
      db.prepare("select subject from outbox where ticket = ? order by message_id").all(ticket) as { subject: string }[]
    ).map((r) => r.subject);
    expect(subjects).toEqual([
      `Signalement ${ticket} : bien reçu`,
      `Signalement ${ticket} : pris en compte`,
      `Signalement ${ticket} : transmis au service compétent`,
      `Signalement ${ticket} : transmis à un autre service`,
      `Signalement ${ticket} : transmis à la direction de territoire`,
      `Signalement ${ticket} : intervention programmée`,
      `Signalement ${ticket} : intervention en cours`,
      `Signalement ${ticket} : clôturé`,
      `Signalement ${ticket} : rouvert`,
      `Signalement ${ticket} : clôturé`,
    ]);
    const escalation = db.prepare("select body from outbox where ticket = ? and subject like '%direction%'").get(ticket) as {
      body: string;
    };
    expect(escalation.body).toContain("Direction de territoire Gare-Kléber\nCourriel : dt-gare-kleber@signalements.example.fr");
    const closure = db
      .prepare("select body from outbox where ticket = ? and subject like '%clôturé' order by message_id limit 1")
      .get(ticket) as { body: string };
    expect(closure.body).toContain("Résultat : Réparé ou traité.\nCe qui a été fait : Lampadaire remplacé.");
  });

  test("the batch pipeline extracts the service's reports and events unchanged", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "service-wh-"));
    try {
      const summary = await runPipeline(
        {
          store: h.store,
          warehouse: path.join(dir, "w.duckdb"),
          snapshotAt: new Date("2026-04-01T00:00:00Z"),
          full: true,
          sla: "calendar",
        },
        () => {},
      );
      const db = h.service.ctx.repo.db;
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(summary.extracted.reports).toBe(n("select count(*) n from reports"));
      expect(summary.extracted.status_events).toBe(n("select count(*) n from status_events"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("authentication and idempotency", () => {
  let ticket: string;
  beforeAll(async () => {
    ticket = (await submit(h, { service_code: "nid_de_poule", lat: 48.58, long: 7.75, email: "dominique@exemple.test" })).ticket;
  });

  test("no key → 401, a channel key → 403, a revoked key → 401, unknown ticket → 404", async () => {
    expect(await act(ticket, null, { action: "acknowledge" })).toEqual(error(401, "clé d'API manquante (en-tête X-Api-Key)"));
    expect(await act(ticket, h.key("channel"), { action: "acknowledge" })).toEqual(
      error(403, "rôle « channel » insuffisant pour cette opération"),
    );
    const revoked = h.key("agent", "ancienne équipe");
    expect(
      (await act(ticket, revoked, { action: "acknowledge", comment: "essai" }, { "idempotency-key": "avant-revocation" })).status,
    ).toBe(201);
    const id = (h.service.ctx.repo.db.prepare("select key_id from api_keys where label = 'ancienne équipe'").get() as { key_id: number })
      .key_id;
    expect(revokeKey(h.service.ctx.repo.db, String(id), "2026-03-03T00:00:00Z")).toBe(1);
    expect(await act(ticket, revoked, { action: "route", service_code: "VOIRIE" })).toEqual(error(401, "clé d'API inconnue ou révoquée"));
    expect(await act("SIG-00000-00000", agent, { action: "acknowledge" })).toEqual(error(404, "signalement introuvable"));
  });

  test("a retried event with the same Idempotency-Key is written once and answers with the same event", async () => {
    const headers = { "idempotency-key": "affectation-0001" };
    const first = await act(ticket, agent, { action: "route", service_code: "VOIRIE" }, headers);
    const again = await act(ticket, agent, { action: "route", service_code: "VOIRIE" }, headers);
    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    const n = h.service.ctx.repo.db
      .prepare("select count(*) n from status_events where origin_ref = ? and event_type = 'routed'")
      .get(ticket);
    expect(n).toEqual({ n: 1 });
  });

  test("staff see the personal data; the public and channels do not", async () => {
    const staff = await h.request("GET", `/agent/v1/requests/${ticket}`, { headers: { authorization: `Bearer ${agent}` } });
    expect(staff.status).toBe(200);
    expect((staff.json as { report: { reporter_email: string } }).report.reporter_email).toBe("dominique@exemple.test");
    const anonymous = await h.request("GET", `/agent/v1/requests/${ticket}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain("dominique");
  });
});
