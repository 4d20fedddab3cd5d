/**
 * A public release where two indicators await a decision: the dashboard still builds, their pages say
 * "Cet indicateur n'est pas publié.", and neither the release nor any built file names them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BuildDashboardResult, buildDashboard } from "../../pipeline/dashboard/build.ts";
import { type DashboardServer, serveDashboard } from "../../pipeline/dashboard/serve.ts";
import { publishedTable } from "../../schemas/published/tables.ts";
import { browserSkipReason, launchBrowser, type TestBrowser, VIEWPORTS, visit } from "../browser/harness.ts";
import { UNPUBLISHED_INDICATORS, writeFixtureRelease } from "../browser/releaseFixture.ts";

const PENDING = ["travaux_en_cours", "carte_h3"];
let work: string;
let release: string;
let result: BuildDashboardResult;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "signalements-gouvernance-"));
  release = await writeFixtureRelease(path.join(work, "release"), { pending: PENDING });
  result = await buildDashboard({ releaseDir: release, outputDir: path.join(work, "dist") });
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a public build with indicators pending", () => {
  const needles = [
    ...PENDING.flatMap((name) => [name, publishedTable(name).title]),
    ...UNPUBLISHED_INDICATORS.flatMap((i) => [i.table, i.definition]),
  ];

  test("the pages of the absent indicators are replaced, every other page is built", () => {
    expect(result.unpublished).toEqual(["quartiers.md", "travaux.md"]);
    expect(result.pages).toHaveLength(8);
    for (const page of ["travaux.html", "quartiers.html"]) {
      expect(readFileSync(path.join(result.outputDir, page), "utf8")).toContain("Cet indicateur n'est pas publié.");
    }
    expect(readFileSync(path.join(result.outputDir, "delais.html"), "utf8")).not.toContain("Cet indicateur n'est pas publié.");
  });

  test("no file of the release nor of the built site names them (positive control: the approved ones are found)", () => {
    const all = [...filesUnder(release), ...filesUnder(result.outputDir)];
    const hits = all.flatMap((file) => {
      const text = readFileSync(file).toString("utf8");
      return needles.filter((n) => text.includes(n)).map((n) => `${path.relative(work, file)} → ${n}`);
    });
    expect(hits).toEqual([]);
    const approved = all.filter((f) => readFileSync(f).toString("utf8").includes("delais_par_quartier"));
    expect(approved.length).toBeGreaterThan(3);
  });

  const skip = browserSkipReason();
  test.skipIf(skip !== undefined)(
    "in a browser: the notice without errors, and the decisions on the methodology page",
    async () => {
      let server: DashboardServer | undefined;
      let browser: TestBrowser | undefined;
      try {
        server = await serveDashboard({ port: 0, dir: result.outputDir });
        browser = await launchBrowser();
        const travaux = await visit(browser.context, `${server.url}travaux`, VIEWPORTS.desktop);
        expect(await travaux.page.locator("#non-publie").textContent()).toBe("Cet indicateur n'est pas publié.");
        expect(travaux.errors).toEqual([]);
        const method = await visit(browser.context, `${server.url}methodologie`, VIEWPORTS.desktop);
        await method.page.locator("table.decisions-table tbody tr").first().waitFor();
        // One row per approved indicator: 10 registered, 2 pending.
        expect(await method.page.locator("table.decisions-table tbody tr").count()).toBe(8);
        expect(await method.page.locator("#decisions-resume").textContent()).toBe(
          "8 indicateurs publiés, chacun sur une décision enregistrée des élus.",
        );
        const row = method.page.locator("table.decisions-table tbody tr:has(th:text-is('delais_par_service'))");
        expect(await row.locator("th, td").allTextContents()).toEqual([
          "delais_par_service",
          "Indicateur delais_par_service.",
          "publié",
          "Conseil municipal (test)",
          "26 janvier 2026",
          "TEST-2026-001",
        ]);
        expect(method.errors).toEqual([]);
      } finally {
        await browser?.close();
        await server?.close();
      }
    },
    60_000,
  );
});
