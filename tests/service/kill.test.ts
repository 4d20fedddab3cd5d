/**
 * Durability: the real server in a child process receives concurrent reports and is killed with SIGKILL;
 * after a restart on the same store, every report it acknowledged with a 201 is there.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { PROJECT_ROOT } from "../../pipeline/reference.ts";

const dir = mkdtempSync(path.join(tmpdir(), "service-kill-"));
const store = path.join(dir, "intake.sqlite");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `signalements serve` on a free port; resolves with the child and its base URL once it listens. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "pipeline/cli.ts", "serve", "--store", store, "--port", "0", "--dist", dir, "--anonymous-limit", "100000"],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, SIGNALEMENTS_SERVICE_SECRET: "secret-kill-test", SIGNALEMENTS_SMTP_URL: "" },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  return new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const m = /Écoute sur (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

test("every report acknowledged with 201 before kill -9 is in the store after restart", async () => {
  const { child, url } = await startServer();
  const acknowledged: string[] = [];
  let refused = 0;
  let stop = false;
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      try {
        const res = await fetch(`${url}/open311/v2/requests.json`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ service_code: "nid_de_poule", description: `rapport ${w}-${i}`, lat: 48.58, long: 7.75 }),
        });
        if (res.status === 201)
          acknowledged.push(((await res.json()) as { service_request_id: string }[])[0]?.service_request_id as string);
        else refused++;
      } catch {
        // The connection died with the server: this report was never acknowledged.
        return;
      }
    }
  };
  const workers = Array.from({ length: 16 }, (_, w) => worker(w));
  while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  child.kill("SIGKILL");
  stop = true;
  await Promise.all(workers);
  expect(await exited).toBe("SIGKILL");
  expect(acknowledged.length).toBeGreaterThanOrEqual(300);
  expect(refused).toBe(0);

  const again = await startServer();
  try {
    const one = await fetch(`${again.url}/open311/v2/requests/${acknowledged[acknowledged.length - 1]}.json`);
    expect(one.status).toBe(200);
    const db = new Database(store, { readonly: true });
    const stored = new Set((db.prepare("select source_id from reports").all() as { source_id: string }[]).map((r) => r.source_id));
    db.close();
    const missing = acknowledged.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
  } finally {
    again.child.kill("SIGTERM");
  }
});
