import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, expect, test } from "vitest";
import { Checkpointer } from "./checkpointer.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

test("the worker copies committed WAL frames into the database while the writer never checkpoints", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "checkpoint-"));
  dirs.push(dir);
  const file = path.join(dir, "x.sqlite");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("wal_autocheckpoint = 0");
  db.exec("create table t (x text)");
  const insert = db.prepare("insert into t values (?)");
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`ligne ${i} ${"x".repeat(100)}`);
  })();
  const before = statSync(file).size;
  expect(statSync(`${file}-wal`).size).toBeGreaterThan(100_000);

  const checkpointer = new Checkpointer(file, { intervalMs: 10 });
  while (checkpointer.stats().checkpoints < 2) await new Promise((r) => setTimeout(r, 10));
  await checkpointer.close();

  expect(statSync(file).size).toBeGreaterThan(before + 100_000);
  expect(checkpointer.stats().failures).toBe(0);
  expect(db.prepare("select count(*) from t").pluck().get()).toBe(2000);
  db.close();
});
