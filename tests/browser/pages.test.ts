/**
 * Every dashboard page in a real browser, built once from the full synthetic release: renders offline, shows the
 * release's figures, filters change them, passes axe-core, stays light, and leaves screenshots to look at.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatBytes } from "../../dashboard/components/format.ts";
import { buildDashboard } from "../../pipeline/dashboard/build.ts";
import { type DashboardServer, serveDashboard } from "../../pipeline/dashboard/serve.ts";
import { parseRfc4180 } from "../../pipeline/publish/rfc4180.ts";
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
import { UNPUBLISHED_INDICATORS, writeFixtureRelease } from "./releaseFixture.ts";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

/** Each page: its path and how many charts it draws. */
const PAGES = [
  { name: "accueil", path: "", charts: 1 },
  { name: "delais", path: "delais", charts: 4 },
  { name: "quartiers", path: "quartiers", charts: 3 },
  { name: "canaux", path: "canaux", charts: 2 },
  { name: "retours", path: "retours", charts: 3 },
  { name: "travaux", path: "travaux", charts: 1 },
  { name: "donnees", path: "donnees", charts: 0 },
  { name: "methodologie", path: "methodologie", charts: 0 },
] as const;

const NNBSP = "\u202f";
const NBSP = "\u00a0";
let work: string;
let release: string;
let server: DashboardServer;
let browser: TestBrowser;

const csv = (table: string): Record<string, string>[] => {
  const [header, ...rows] = parseRfc4180(readFileSync(path.join(release, "data", `${table}.csv`), "utf8"));
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ""])));
};
const open = (p: string, viewport: { width: number; height: number } = VIEWPORTS.desktop) =>
  visit(browser.context, `${server.url}${p}`, viewport);
const cells = (visit: PageVisit, selector: string) => visit.page.locator(selector).locator("th, td").allTextContents();
const rowOf = (visit: PageVisit, caption: string, header: string) =>
  cells(visit, `table:has(caption:text-is("${caption}")) tbody tr:has(th:text-is("${header}"))`);

beforeAll(async () => {
  if (skipReason) return;
  work = mkdtempSync(path.join(tmpdir(), "signalements-browser-"));
  release = await writeFixtureRelease(path.join(work, "release"));
  const { outputDir } = await buildDashboard({ releaseDir: release, outputDir: path.join(work, "dist") });
  server = await serveDashboard({ port: 0, dir: outputDir });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skipReason !== undefined).each(PAGES)("page $name", (page) => {
  describe.each(Object.entries(VIEWPORTS))("%s", (_viewportName, viewport) => {
    let opened: PageVisit;
    beforeAll(async () => {
      opened = await open(page.path, viewport);
      if (page.charts > 0)
        await opened.page
          .locator("figure.chart svg[role=img]")
          .nth(page.charts - 1)
          .waitFor();
      await screenshot(opened.page, `${page.name}-${viewport.width}`);
    }, 60_000);
    afterAll(async () => {
      await opened?.page.close();
    });

    test("offline, no console or page error, French", async () => {
      expect(opened.blocked).toEqual([]);
      expect(opened.errors).toEqual([]);
      expect(await opened.page.getAttribute("html", "lang")).toBe("fr");
    });

    test("every chart is drawn, with a name, a takeaway, a table and a download", async () => {
      const charts = opened.page.locator("figure.chart svg[role=img]");
      expect(await charts.count()).toBe(page.charts);
      for (const chart of await charts.all())
        expect(await chart.getAttribute("aria-label")).toMatch(/\. Le tableau qui suit donne les mêmes valeurs\.$/);
      if (page.charts > 0) {
        expect(await opened.page.locator("p.takeaway").count()).toBeGreaterThanOrEqual(1);
        expect(await opened.page.locator("a[download$='.csv'][href^='data:text/csv']").count()).toBeGreaterThanOrEqual(1);
      }
    });

    test("axe-core: no serious or critical WCAG 2.1 A/AA violation", async () => {
      expect(await seriousAxeViolations(opened.page)).toEqual([]);
    });

    test("the first view transfers less than 1 MB", async () => {
      const bytes = await opened.bytes();
      console.info(`${page.name} (${viewport.width} px) : ${bytes} octets`);
      expect(bytes).toBeLessThan(1_000_000);
    });
  });
});

describe.skipIf(skipReason !== undefined)("figures equal the release and filters change them", () => {
  test("Accueil: the total is the release's all-margins total (329 + 486 + 606), and Voirie alone is 486", async () => {
    const total = csv("volumes_mensuels")
      .filter(
        (r) =>
          r.canal === "ensemble" && r.groupe_categorie === "ensemble" && r.code_service === "ensemble" && r.code_quartier === "ensemble",
      )
      .reduce((a, r) => a + Number(r.nb_signalements), 0);
    expect(total).toBe(1421);
    const v = await open("");
    expect(await v.page.locator("#total-signalements").textContent()).toBe(`1${NNBSP}421`);
    await v.page.getByRole("combobox", { name: "Service", exact: true }).selectOption({ label: "Voirie" });
    await expect.poll(() => v.page.locator("#total-signalements").textContent()).toBe("486");
    await v.page.getByRole("combobox", { name: "Mois", exact: true }).selectOption({ label: "janvier 2026" });
    await expect.poll(() => v.page.locator("#total-signalements").textContent()).toBe("122");
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  test("Délais: March as published, delays published whatever n, an empty p90 says it is not reached yet; January for Propreté is 60 %", async () => {
    const v = await open("delais");
    const caption = "Délais et respect de l'engagement par service, mars 2026";
    const march = csv("delais_par_service").find((r) => r.periode === "2026-03" && r.code_service === "ensemble");
    expect(march?.taux_dans_les_delais).toBe("0.72");
    expect(await rowOf(v, caption, "Ensemble")).toEqual([
      "Ensemble",
      "435",
      "345",
      "270",
      "75",
      "30",
      "72\u00a0%",
      "10\u00a0j",
      "21\u00a0j",
    ]);
    // Voirie in March: 90 on time / (90 + 25 late + 10 overdue) = 72 %, no threshold on delays.
    expect((await rowOf(v, caption, "Voirie"))[6]).toBe("72\u00a0%");
    // Éclairage's p90 is empty in March with statut_delai_p90 = non_atteint: never "non diffusé".
    expect((await rowOf(v, caption, "Éclairage"))[8]).toBe("pas encore atteint");
    // The page's download is the table as shown, for a spreadsheet set to French (BOM, semicolons).
    const href = await v.page.locator("a[download='delais_par_service_2026-03.csv']").getAttribute("href");
    const download = decodeURIComponent((href ?? "").replace(/^data:text\/csv;charset=utf-8,/, ""));
    expect(download.startsWith("\ufeffService;Signalements reçus;")).toBe(true);
    expect(download.split("\r\n").find((line) => line.startsWith("Voirie;"))).toContain(";72\u00a0%;");
    await v.page.getByRole("combobox", { name: "Période", exact: true }).selectOption({ label: "janvier 2026" });
    await expect
      .poll(() => rowOf(v, "Délais et respect de l'engagement par service, janvier 2026", "Propreté"))
      .toEqual(["Propreté", "120", "80", "60", "20", "20", "60\u00a0%", "5\u00a0j", "14\u00a0j"]);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  test("Quartiers: my district against the city, 15 days, rolling 12 months and by quarter", async () => {
    const v = await open("quartiers");
    await v.page.getByRole("combobox", { name: "Mon quartier", exact: true }).selectOption({ label: "Meinau" });
    // Meinau (Éclairage's district) over January–March: on time 80 + 90 + 100 = 270, late 3 × 30 = 90,
    // open overdue 20 + 15 + 10 = 45 → 270 / 405 = 67 %; received 150 + 155 + 160 = 465. The city:
    // on time 720, late 225, overdue 135 → 720 / 1 080 = 67 %.
    await expect
      .poll(() => v.page.locator("#comparaison-quartier").textContent())
      .toBe(
        `Sur 12 mois glissants, Meinau a clos 67${NBSP}% de ses signalements dans les 15 jours (465 signalements reçus), contre 67${NBSP}% pour toute la ville.`,
      );
    const caption = "Meinau et toute la ville : taux dans les 15 jours et signalements reçus";
    expect(await rowOf(v, caption, "1er trimestre 2026")).toEqual([
      "1er trimestre 2026",
      `67${NBSP}%`,
      `67${NBSP}%`,
      "465",
      `1${NNBSP}260`,
    ]);
    expect(await v.page.locator("#chart-comparaison svg[role=img]").count()).toBe(1);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  test("Quartiers: 10 districts drawn; Meinau received 160 reports in March, 150 in January", async () => {
    const v = await open("quartiers");
    await v.page.locator("#chart-quartiers svg[role=img]").waitFor();
    expect(await v.page.locator("#chart-quartiers svg[role=img] path").count()).toBeGreaterThanOrEqual(10);
    await v.page.getByRole("combobox", { name: "Période", exact: true }).selectOption({ label: "mars 2026" });
    await expect.poll(async () => (await rowOf(v, "Signalements et délais par quartier, mars 2026", "Meinau"))[1]).toBe("160");
    await v.page.getByRole("combobox", { name: "Période", exact: true }).selectOption({ label: "janvier 2026" });
    await expect.poll(async () => (await rowOf(v, "Signalements et délais par quartier, janvier 2026", "Meinau"))[1]).toBe("150");
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  test("Canaux: web brought 297 reports over the period (release sum), 69 in January", async () => {
    const web = csv("contacts_par_canal").filter((r) => r.canal === "web" && r.type_contact === "signalement");
    expect(web.reduce((a, r) => a + Number(r.nb_contacts), 0)).toBe(297);
    const v = await open("canaux");
    expect(await rowOf(v, "Signalements reçus par canal, toute la période", "Web")).toEqual(["Web", "297"]);
    await v.page.getByRole("combobox", { name: "Mois", exact: true }).selectOption({ label: "janvier 2026" });
    await expect.poll(() => rowOf(v, "Signalements reçus par canal, janvier 2026", "Web")).toEqual(["Web", "69"]);
    // January: web 69, application 84, telephone 99, email 77 (= 329); the leading channel is the telephone.
    const resume = () => v.page.locator("#canaux-resume").textContent();
    await expect.poll(resume).toBe("Le canal Téléphone apporte 30\u00a0% des 329 signalements publiés.");
    await v.page.getByRole("combobox", { name: "Canal", exact: true }).selectOption({ label: "Téléphone" });
    await expect.poll(() => rowOf(v, "Contacts traités par nature, janvier 2026", "Appels traités")).toEqual(["Appels traités", "80"]);
    // The channel mix follows the channel filter too: its title names the channel and its bar is the dark one.
    await expect.poll(() => v.page.locator("#chart-canaux svg[role=img]").getAttribute("aria-label")).toContain("(Téléphone en foncé)");
    expect(await v.page.locator('#chart-canaux svg[role=img] rect[fill="#06356b"]').count()).toBe(1);
    await v.page.getByRole("combobox", { name: "Canal", exact: true }).selectOption({ label: "Web" });
    await expect.poll(resume).toBe("Le canal Web apporte 21\u00a0% des 329 signalements publiés.");
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  test("Retours: selecting Voirie keeps its row only (150 closed in March)", async () => {
    const v = await open("retours");
    const caption = "Retours des habitants par service, mars 2026";
    expect(await v.page.locator(`table:has(caption:text-is("${caption}")) tbody tr`).count()).toBe(4);
    await v.page.getByRole("combobox", { name: "Service", exact: true }).selectOption({ label: "Voirie" });
    await expect.poll(() => v.page.locator(`table:has(caption:text-is("${caption}")) tbody tr`).count()).toBe(1);
    expect((await rowOf(v, caption, "Voirie")).slice(0, 5)).toEqual(["Voirie", "150", "13", "30", "13"]);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  test("Travaux: 6 open items; Meinau has 2, 1 of them planned", async () => {
    expect(csv("travaux_en_cours")).toHaveLength(6);
    const v = await open("travaux");
    expect(await v.page.locator("#travaux-resume").textContent()).toBe(
      "6 signalements ouverts sur l'espace public, dont 4 avec une date d'intervention prévue.",
    );
    await v.page.getByRole("combobox", { name: "Quartier", exact: true }).selectOption({ label: "Meinau" });
    await expect
      .poll(() => v.page.locator("#travaux-resume").textContent())
      .toBe("2 signalements ouverts sur l'espace public, dont 1 avec une date d'intervention prévue.");
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  test("Données ouvertes: every file of datapackage.json with its size, each link served", async () => {
    const pkg = JSON.parse(readFileSync(path.join(release, "datapackage.json"), "utf8")) as {
      resources: { title: string; bytes: number; path: string }[];
    };
    const v = await open("donnees");
    const rows = v.page.locator("table.files-table tbody tr");
    expect(await rows.count()).toBe(pkg.resources.length);
    for (const [i, r] of pkg.resources.entries()) {
      const texts = await rows.nth(i).locator("th, td").allTextContents();
      expect(texts[0]).toBe(r.title);
      expect(texts[2]).toBe(formatBytes(r.bytes));
    }
    const href = await rows.first().locator("a").getAttribute("href");
    const response = await v.page.request.get(new URL(href ?? "", `${server.url}donnees`).href);
    expect(response.status()).toBe(200);
    expect((await response.body()).length).toBe(pkg.resources[0]?.bytes);
    await v.page.close();
  });

  test("Méthodologie: k and the decision behind every published indicator; unpublished ones named nowhere", async () => {
    const pkg = JSON.parse(readFileSync(path.join(release, "datapackage.json"), "utf8")) as {
      secret_statistique: { seuil_k: number };
      decisions_publication: { table: string; decision: string }[];
    };
    expect(pkg.secret_statistique.seuil_k).toBe(11);
    expect(pkg.decisions_publication).toHaveLength(10);
    const v = await open("methodologie");
    expect(await v.page.getByText("Secret statistique : protéger les personnes, pas les comptes").count()).toBe(1);
    expect(await v.page.getByText("s'affiche « non diffusé (< 11) »", { exact: false }).count()).toBe(1);
    const rows = v.page.locator("table.decisions-table tbody tr");
    expect(await rows.count()).toBe(10);
    expect(await v.page.locator("#decisions-resume").textContent()).toBe(
      "10 indicateurs publiés, chacun sur une décision enregistrée des élus.",
    );
    expect(await rows.first().locator("th, td").allTextContents()).toEqual([
      "carte_h3",
      "Indicateur carte_h3.",
      "publié",
      "Conseil municipal (test)",
      "26 janvier 2026",
      "TEST-2026-001",
    ]);
    const page = await v.page.content();
    for (const unpublished of UNPUBLISHED_INDICATORS) {
      expect(page).not.toContain(unpublished.table);
      expect(page).not.toContain(unpublished.definition);
    }
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  test("Délais: the backlog at the snapshot, city-wide then for one service", async () => {
    const all = csv("stock_en_cours").find((r) => r.code_service === "ensemble" && r.tranche_anciennete === "ensemble");
    // 110 + 120 + 115 open reports, of which 54 + 60 + 51 past 15 days.
    expect([all?.nb_en_cours, all?.nb_en_retard]).toEqual(["345", "165"]);
    const v = await open("delais");
    await v.page.locator("#chart-stock svg[role=img]").waitFor();
    expect(await v.page.locator("#stock-resume").textContent()).toBe(
      "Au 1 avril 2026, 345 signalements en cours, dont 165 au-delà de l'échéance de 15 jours.",
    );
    const caption = "Signalements en cours par service et ancienneté, au 1 avril 2026";
    expect(await rowOf(v, caption, "Voirie")).toEqual(["Voirie", "32", "28", "24", "20", "16", "120", "60"]);
    await v.page.getByRole("combobox", { name: "Service (évolution et stock)", exact: true }).selectOption({ label: "Propreté" });
    await expect
      .poll(() => v.page.locator("#stock-resume").textContent())
      .toBe("Au 1 avril 2026, 110 signalements en cours pour Propreté, dont 54 au-delà de l'échéance de 15 jours.");
    expect(v.errors).toEqual([]);
    await v.page.close();
  });
});
