/** The Accueil page in a real browser: renders offline, shows the release's figures, passes axe-core, stays light. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildDashboard } from "../../pipeline/dashboard/build.ts";
import { type DashboardServer, serveDashboard } from "../../pipeline/dashboard/serve.ts";
import {
  browserSkipReason,
  launchBrowser,
  type PageVisit,
  screenshot,
  seriousAxeViolations,
  type TestBrowser,
  VIEWPORTS,
  visit,
} from "./harness.ts";
import { PUBLISHED_TOTAL, writeSyntheticRelease } from "./release.ts";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

const ONE_MEGABYTE = 1_000_000;

describe.skipIf(skipReason !== undefined)("Accueil in chromium", () => {
  let work: string;
  let server: DashboardServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "signalements-browser-"));
    const { outputDir } = await buildDashboard({
      releaseDir: writeSyntheticRelease(path.join(work, "release")),
      outputDir: path.join(work, "dist"),
    });
    server = await serveDashboard({ port: 0, dir: outputDir });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  describe.each(Object.entries(VIEWPORTS))("%s", (name, viewport) => {
    let opened: PageVisit;

    beforeAll(async () => {
      opened = await visit(browser.context, server.url, viewport);
      await opened.page.locator("figure svg[role=img]").waitFor();
      await screenshot(opened.page, `accueil-${name}`);
    }, 60_000);

    afterAll(async () => {
      await opened?.page.close();
    });

    test("no request leaves 127.0.0.1, no console or page error", () => {
      expect(opened.blocked).toEqual([]);
      expect(opened.errors).toEqual([]);
    });

    test("the page is French", async () => {
      expect(await opened.page.getAttribute("html", "lang")).toBe("fr");
    });

    test("the key figure equals the release's published total, with its period", async () => {
      expect(await opened.page.locator("#total-signalements").textContent()).toBe(String(PUBLISHED_TOTAL));
      expect(await opened.page.getByText("de janvier 2026 à février 2026").count()).toBe(1);
    });

    test("the chart draws one line per channel and a dot per disclosed month and channel (7 of 8)", async () => {
      const chart = opened.page.locator("figure svg[role=img]");
      expect(await chart.getAttribute("aria-label")).toBe(
        "Signalements publiés par mois et par canal. Le tableau qui suit donne les mêmes valeurs.",
      );
      expect(await chart.locator("g[stroke-width='2'] path").count()).toBe(4);
      expect(await chart.locator("g[fill='white'] path").count()).toBe(7);
    });

    test("the table alternative shows the suppressed cell as not disclosed, never zero", async () => {
      const january = opened.page.locator("table.volumes-table tbody tr").first();
      expect(await january.locator("th, td").allTextContents()).toEqual(["janvier 2026", "40", "25", "non diffusé (< 11)", "0"]);
    });

    test("axe-core finds no serious or critical WCAG 2.1 A/AA violation", async () => {
      expect(await seriousAxeViolations(opened.page)).toEqual([]);
    });

    test("the first view transfers less than 1 MB", async () => {
      const bytes = await opened.bytes();
      console.info(`Accueil (${name}) : ${bytes} octets transférés à la première visite`);
      expect(bytes).toBeLessThan(ONE_MEGABYTE);
    });
  });
});
