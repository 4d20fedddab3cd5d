/** The preview for officials: every indicator, and every built page and release file marked "projet — non publié". */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type BuildDashboardResult, buildDashboard } from "../../pipeline/dashboard/build.ts";
import { writeFixtureRelease } from "../browser/releaseFixture.ts";

let work: string;
let release: string;
let result: BuildDashboardResult;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "signalements-apercu-"));
  // travaux_en_cours awaits a decision: the preview still shows it.
  release = await writeFixtureRelease(path.join(work, "release"), { pending: ["travaux_en_cours"], preview: true });
  result = await buildDashboard({ releaseDir: release, outputDir: path.join(work, "dist-apercu"), preview: true });
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("every built page carries the banner and the mark in its title; no page is replaced", () => {
  expect(result.unpublished).toEqual([]);
  expect(result.pages).toHaveLength(8);
  for (const page of result.pages) {
    const html = readFileSync(path.join(result.outputDir, page), "utf8");
    expect(html, page).toContain('<div class="bandeau-projet" role="note"');
    expect(html, page).toMatch(/<title>Projet — non publié · /);
  }
});

test("every release file shipped with the preview site carries the mark (SHA256SUMS aside), pending indicator included", () => {
  const shipped = filesUnder(path.join(result.outputDir, "publication"));
  expect(shipped.map((f) => path.relative(result.outputDir, f))).toContain("publication/data/travaux_en_cours.csv");
  const unmarked = shipped
    .filter((f) => path.basename(f) !== "SHA256SUMS")
    .filter((f) => !readFileSync(f).toString("utf8").toLowerCase().includes("projet — non publié"));
  expect(unmarked).toEqual([]);
});
