/**
 * Builds the dashboard from a tiny synthetic release with the network cut (`unshare -n`), then checks the output:
 * French pages, the release's rows re-emitted unchanged, no external reference.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BuildDashboardResult, buildDashboard } from "../pipeline/dashboard/build.ts";
import { writeFixtureRelease } from "./browser/releaseFixture.ts";

// Where network namespaces are not allowed, the scan of dist/ done by every build (no external URL) is the proof left.
const canIsolate = spawnSync("unshare", ["-n", "true"]).status === 0;
if (!canIsolate) console.warn("unshare -n indisponible : construction sans isolation réseau, seule l'analyse de dist/ le prouve.");

describe("offline dashboard build", () => {
  let work: string;
  let result: BuildDashboardResult;
  let release: string;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "signalements-dashboard-"));
    release = await writeFixtureRelease(path.join(work, "release"));
    result = await buildDashboard({
      releaseDir: release,
      outputDir: path.join(work, "dist"),
      withoutNetwork: canIsolate,
    });
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("every page is French", () => {
    expect(result.pages).toEqual([
      "canaux.html",
      "delais.html",
      "donnees.html",
      "index.html",
      "methodologie.html",
      "quartiers.html",
      "retours.html",
      "travaux.html",
    ]);
    const html = readFileSync(path.join(result.outputDir, "index.html"), "utf8");
    expect(html).toMatch(/<html lang="fr">/);
    expect(html).toContain("<title>Accueil | Signalements — statistiques publiques</title>");
  });

  test("the release's rows are re-emitted byte for byte", () => {
    const dir = path.join(result.outputDir, "_file", "data");
    const files = readdirSync(dir).filter((f) => /^volumes_mensuels\.[0-9a-f]+\.csv$/.test(f));
    expect(files).toHaveLength(1);
    expect(readFileSync(path.join(dir, files[0] as string), "utf8")).toBe(
      readFileSync(path.join(release, "data", "volumes_mensuels.csv"), "utf8"),
    );
  });

  test("libraries come from the site itself, not a CDN", () => {
    const html = readFileSync(path.join(result.outputDir, "index.html"), "utf8");
    expect(html).toContain('href="./_npm/d3-dsv@3.0.2/');
    expect(html).toContain('href="./_node/@observablehq/plot@0.6.17/');
    expect(html).not.toMatch(/jsdelivr|googleapis|esm\.sh|unpkg/);
  });
});
