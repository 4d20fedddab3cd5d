import { spawn } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { approvedRegistry } from "../governance/testing.ts";
import { loadReference, PROJECT_ROOT } from "../reference.ts";
import { syntheticTables } from "./fixture.ts";
import { buildRelease, recoverAndClean } from "./release.ts";

const work = mkdtempSync(path.join(tmpdir(), "interruption-"));
const outDir = path.join(work, "public");
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file of a folder with its bytes. */
function snapshot(dir: string, rel = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(path.join(dir, rel)).sort()) {
    const p = path.join(rel, e);
    if (statSync(path.join(dir, p)).isDirectory()) for (const [k, v] of snapshot(dir, p)) out.set(k, v);
    else out.set(p, readFileSync(path.join(dir, p)).toString("base64"));
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("kill -9 in the middle of a release leaves the previous release byte-identical", async () => {
  await buildRelease({
    tables: syntheticTables(70),
    geo: { districts: loadReference().districts.features },
    version: "1.0.0",
    releasedAt: "2026-04-01",
    key: "cle-de-test-synthetique-0123456789abcdef",
    outDir,
    preview: false,
    registry: approvedRegistry(),
  });
  const before = snapshot(outDir);
  const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "pipeline/publish/buildLarge.ts"), outDir, "20000"], {
    cwd: PROJECT_ROOT,
    stdio: "ignore",
  });
  const tmpPrefix = ".public.tmp-";
  let seen = false;
  for (let i = 0; i < 1200 && !seen; i++) {
    await sleep(50);
    const tmp = readdirSync(work).find((e) => e.startsWith(tmpPrefix));
    seen = tmp !== undefined && existsSync(path.join(work, tmp, "data", "volumes_mensuels.csv"));
  }
  expect(seen).toBe(true);
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  expect(snapshot(outDir)).toEqual(before);
  await recoverAndClean(outDir);
  expect(readdirSync(work).sort()).toEqual([".public.versions", "public"]);
  expect(snapshot(outDir)).toEqual(before);
});

test("a run killed between the two renames is recovered at the next start", async () => {
  const before = snapshot(outDir);
  renameSync(outDir, `${outDir}.old`);
  await recoverAndClean(outDir);
  expect(readdirSync(work).sort()).toEqual([".public.versions", "public"]);
  expect(snapshot(outDir)).toEqual(before);
});

test("the release path is a link swapped in one rename: a reader always finds a whole release", async () => {
  expect(lstatSync(outDir).isSymbolicLink()).toBe(true);
  const first = realpathSync(outDir);
  const again = await buildRelease({
    tables: syntheticTables(70, 3),
    geo: { districts: loadReference().districts.features },
    version: "1.0.1",
    releasedAt: "2026-05-01",
    key: "cle-de-test-synthetique-0123456789abcdef",
    outDir,
    preview: false,
    registry: approvedRegistry(),
    target: (version) => path.join(work, "archives", `${version}_2026-05-01`),
  });
  expect(realpathSync(outDir)).toBe(path.join(realpathSync(work), "archives", "1.0.1_2026-05-01"));
  expect(readlinkSync(outDir)).toBe(path.join("archives", "1.0.1_2026-05-01"));
  expect(again.version).toBe("1.0.1");
  // The previous content is kept one run for readers still on it.
  expect(existsSync(first)).toBe(true);
  expect(readFileSync(path.join(outDir, "datapackage.json"), "utf8")).toContain('"version": "1.0.1"');
});
