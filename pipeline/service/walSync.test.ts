import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { DurabilityError, type Flush, WalSync } from "./walSync.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A WAL-like file and a flush whose completions the test releases by hand. */
function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), "walsync-"));
  dirs.push(dir);
  const file = path.join(dir, "x.sqlite-wal");
  writeFileSync(file, "");
  const pending: ((error: NodeJS.ErrnoException | null) => void)[] = [];
  const flush: Flush = (_fd, done) => {
    pending.push(done);
  };
  const failures: DurabilityError[] = [];
  const wal = new WalSync(file, flush, (e) => failures.push(e));
  return { wal, pending, failures };
}

const tick = () => new Promise((r) => setImmediate(r));

test("callers during one flush share the next one, which starts only after the first completes", async () => {
  const { wal, pending } = setup();
  const done: string[] = [];
  const a = wal.sync().then(() => done.push("a"));
  expect(pending).toHaveLength(1);
  const b = wal.sync().then(() => done.push("b"));
  const c = wal.sync().then(() => done.push("c"));
  expect(pending).toHaveLength(1);
  pending.shift()?.(null);
  await a;
  await tick();
  expect(done).toEqual(["a"]);
  expect(pending).toHaveLength(1);
  pending.shift()?.(null);
  await Promise.all([b, c]);
  expect(done).toEqual(["a", "b", "c"]);
  expect(wal.syncs).toBe(2);
  await wal.close();
});

test("a failed flush rejects its callers and the waiting ones, and every later sync, without flushing again", async () => {
  const { wal, pending, failures } = setup();
  const a = wal.sync();
  const b = wal.sync();
  pending.shift()?.(Object.assign(new Error("io"), { code: "EIO" }));
  await expect(a).rejects.toBeInstanceOf(DurabilityError);
  await expect(b).rejects.toMatchObject({ statusCode: 503, reason: "EIO" });
  await expect(wal.sync()).rejects.toBe(wal.failure);
  expect(pending).toHaveLength(0);
  expect(failures).toHaveLength(1);
  await wal.close();
});

test("the WAL file must exist: opening never creates it", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "walsync-"));
  dirs.push(dir);
  expect(() => new WalSync(path.join(dir, "absent.sqlite-wal"))).toThrow(/ENOENT/);
});
