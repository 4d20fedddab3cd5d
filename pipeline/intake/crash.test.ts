import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { PROJECT_ROOT } from "../reference.ts";
import { writeSyntheticPhoneCsv } from "./syntheticPhone.ts";

const ROWS = 150_000;
const BATCH = 5_000;
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
let dir: string;
let csv: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "crash-"));
  csv = path.join(dir, "appels.csv");
  await writeSyntheticPhoneCsv(csv, ROWS);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = (store: string) => [
  "tsx",
  "pipeline/cli.ts",
  "ingest",
  "phone",
  csv,
  "--store",
  store,
  "--now",
  "2026-04-01T00:00:00Z",
  "--batch-size",
  String(BATCH),
];

function read<T>(store: string, sql: string): T {
  const db = new Database(store, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

const counts = (store: string) =>
  read<{ reports: number; contacts: number; rejects: number }>(
    store,
    "select (select count(*) from reports) reports, (select count(*) from contacts) contacts, (select count(*) from rejects) rejects",
  );

async function waitForProgress(store: string, child: ChildProcess, minRead: number): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("the ingest finished before it could be killed");
    try {
      const run = read<{ n_read: number } | undefined>(store, "select n_read from ingestion_runs order by run_id desc limit 1");
      if (run && run.n_read >= minRead) return;
    } catch {
      // the store is not created yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no progress within 90 s");
}

test("kill -9 mid-ingest leaves a consistent store, whole batches only, and a re-run completes it", async () => {
  const store = path.join(dir, "killed.sqlite");
  const child = spawn("npx", args(store), { cwd: PROJECT_ROOT, detached: true, stdio: "ignore" });
  await waitForProgress(store, child, 3 * BATCH);
  process.kill(-(child.pid as number), "SIGKILL");
  await new Promise((r) => child.once("exit", r));

  const run = read<{ run_id: number; status: string; n_read: number; n_inserted: number }>(
    store,
    "select run_id, status, n_read, n_inserted from ingestion_runs order by run_id desc limit 1",
  );
  expect(read<{ integrity_check: string }>(store, "pragma integrity_check").integrity_check).toBe("ok");
  expect(run.status).toBe("running");
  expect(run.n_read).toBeLessThan(ROWS);
  expect(run.n_read % BATCH).toBe(0);
  // The counters are committed with the rows: what the run says it inserted is exactly what is there.
  expect(read<{ n: number }>(store, `select count(*) n from contacts where run_id = ${run.run_id}`).n).toBe(run.n_inserted);

  const rerun = spawnSync("npx", args(store), { cwd: PROJECT_ROOT, encoding: "utf8" });
  expect(rerun.status).toBe(0);
  const clean = path.join(dir, "clean.sqlite");
  expect(spawnSync("npx", args(clean), { cwd: PROJECT_ROOT, encoding: "utf8" }).status).toBe(0);

  expect(counts(store)).toEqual(counts(clean));
  expect(counts(store).contacts).toBe(ROWS);
  expect(read<{ status: string }>(store, `select status from ingestion_runs where run_id = ${run.run_id}`).status).toBe("failed");
  expect(rerun.stdout.split("\n")[0]).toBe(
    `appels.csv : 150 000 lus, ${grouped(ROWS - run.n_read)} insérés, ${grouped(run.n_read)} déjà présents, 0 rejetés`,
  );
});
