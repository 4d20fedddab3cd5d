import Database from "better-sqlite3";
import { expect, test } from "vitest";
import { GroupCommitter } from "./commit.ts";

test("jobs of one turn share a transaction; a failing job is rolled back alone and its caller gets the error", async () => {
  const db = new Database(":memory:");
  db.exec("create table t (x integer primary key)");
  const c = new GroupCommitter(db);
  const insert = (x: number) => () => db.prepare("insert into t (x) values (?)").run(x).changes;
  const results = await Promise.allSettled([c.run(insert(1)), c.run(insert(1)), c.run(insert(2))]);
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  expect((results[1] as PromiseRejectedResult).reason.code).toBe("SQLITE_CONSTRAINT_PRIMARYKEY");
  expect(db.prepare("select x from t order by x").pluck().all()).toEqual([1, 2]);
  expect(db.inTransaction).toBe(false);
  expect(c.stats()).toEqual({ batches: 1, jobs: 3, maxBatch: 3 });
  db.close();
});

test("a job runs inside the open transaction and its write is committed", async () => {
  const db = new Database(":memory:");
  db.exec("create table t (x integer)");
  const c = new GroupCommitter(db);
  const seen = await c.run(() => {
    db.prepare("insert into t values (7)").run();
    return db.inTransaction;
  });
  expect(seen).toBe(true);
  expect(db.prepare("select count(*) from t").pluck().get()).toBe(1);
  db.close();
});

test("with a durable step, callers are answered only after the sync; a failed sync rejects them; then nothing is written", async () => {
  const db = new Database(":memory:");
  db.exec("create table t (x integer)");
  const syncs: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  const durable = {
    failure: null as Error | null,
    sync: () => new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })),
  };
  const c = new GroupCommitter(db, { durable });
  const insert = (x: number) => () => db.prepare("insert into t values (?)").run(x).changes;
  let answered = false;
  const first = c.run(insert(1)).then(() => {
    answered = true;
  });
  while (syncs.length === 0) await new Promise((r) => setImmediate(r));
  expect(db.prepare("select count(*) from t").pluck().get()).toBe(1);
  expect(answered).toBe(false);
  syncs.shift()?.resolve();
  await first;

  const second = c.run(insert(2));
  while (syncs.length === 0) await new Promise((r) => setImmediate(r));
  durable.failure = new Error("EIO");
  syncs.shift()?.reject(durable.failure);
  await expect(second).rejects.toThrow("EIO");
  let ran = false;
  await expect(
    c.run(() => {
      ran = true;
    }),
  ).rejects.toThrow("EIO");
  expect(ran).toBe(false);
  db.close();
});
