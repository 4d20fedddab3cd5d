/**
 * The release at the demo's volume (70 reports a month), checked as a whole:
 *  1. tables add up across each other for the same period (channels, services, districts, categories,
 *     months within quarters, years and the rolling window, feedback and contacts against volumes);
 *  2. the disclosure audit: every published count is modelled as a sum of report "atoms" (one per
 *     combination of the attributes the tables condition on), from the warehouse's report-level truth
 *     and the tables' documented definitions; each suppressed value is then minimised and maximised by
 *     linear programming (HiGHS) under ALL published counts together, works-queue reports known. It is
 *     protected when neither bound comes within k of the true value. A negative control publishes what
 *     an earlier release did (sensitive reports inside the monthly district totals): the audit must
 *     then find the sensitive cells recoverable.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cellToParent, getResolution, latLngToCell } from "h3-js";
import * as highsModule from "highs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appendDecision } from "../../pipeline/governance/decisions.ts";
import { indicatorRegistry } from "../../pipeline/governance/registry.ts";
import { parseRfc4180 } from "../../pipeline/publish/rfc4180.ts";
import { openWarehouse } from "../../pipeline/warehouse/duckdb.ts";
import { ingestGenerated } from "./ingestGenerated.ts";

const K = 11;
// highs ships CommonJS types for an ES module: the loader is the default export at run time.
type Loader = typeof highsModule.default.default;
const exported = highsModule.default as unknown;
const loadHighs = (typeof exported === "function" ? exported : (exported as { default: Loader }).default) as Loader;
const work = mkdtempSync(path.join(tmpdir(), "signalements-audit-"));
const raw = path.join(work, "raw");
const store = path.join(work, "intake.sqlite");
const warehouse = path.join(work, "warehouse.duckdb");
const exportsDir = path.join(work, "exports");
const SNAPSHOT = "2026-03-10T12:00:00Z";

function cli(...args: string[]): void {
  const result = spawnSync(process.execPath, ["bin/signalements.mjs", ...args], {
    encoding: "utf8",
    env: { ...process.env, SIGNALEMENTS_PSEUDO_KEY: "cle-de-test-audit-0123456789abcdef0123456789abcdef" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`signalements ${args[0]} : ${result.stderr.slice(-1500)}`);
}

type Rec = Record<string, string>;
const tables: Record<string, Rec[]> = {};
const table = (name: string): Rec[] => {
  const rows = tables[name];
  if (!rows) throw new Error(`table absente de la publication : ${name}`);
  return rows;
};

/** One report as the published tables see it (from the warehouse, before any publication code). */
interface Report {
  month: string;
  canal: string;
  group: string;
  category: string;
  sensitive: boolean;
  publicAsset: boolean;
  service: string;
  district: string;
  sla: string;
  closed: boolean;
  complaint: boolean;
  thanks: boolean;
  reopened: boolean;
  open: boolean;
  overdue: boolean;
  bucket: string;
  cell8: string | null;
}
let reports: Report[] = [];

const bucketOf = (age: number) =>
  age <= 7 ? "0_7_jours" : age <= 15 ? "8_15_jours" : age <= 30 ? "16_30_jours" : age <= 90 ? "31_90_jours" : "plus_de_90_jours";

beforeAll(async () => {
  cli("generate", "--seed", "23", "--months", "15", "--per-month", "70", "--end", "2026-03-09", "--out", raw);
  ingestGenerated(cli, raw, store, SNAPSHOT);
  cli("run", "--store", store, "--warehouse", warehouse, "--snapshot", SNAPSHOT);
  const decisions = path.join(work, "decisions.jsonl");
  for (const d of indicatorRegistry()) {
    const entry = { indicateur: d.id, decision: "approuve" as const, par: "Conseil municipal (test)", ref: "TEST-1", motif: null };
    appendDecision(decisions, { ...entry, empreinte: d.fingerprint }, new Date(SNAPSHOT));
  }
  cli("release", "--warehouse", warehouse, "--out", exportsDir, "--decisions", decisions);
  const data = path.join(exportsDir, "public", "data");
  for (const f of readdirSync(data).filter((x) => x.endsWith(".csv"))) {
    const [header, ...rows] = parseRfc4180(readFileSync(path.join(data, f), "utf8"));
    tables[path.basename(f, ".csv")] = rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ""])));
  }
  const wh = await openWarehouse(warehouse);
  const rows = await wh.rows<Record<string, string | number | boolean | null>>(
    `select strftime(s.received_month, '%Y-%m') as month, s.channel, s.group_code, s.category_code, s.privacy_class,
            s.service_code, s.district_code, s.sla_status, s.first_closed_at is not null as closed, s.has_complaint,
            s.has_thanks, s.is_reopened, s.is_open, s.is_open_overdue, s.age_days, l.lat, l.lon
     from core.report_sla as s left join private.report_locations as l using (report_key)`,
  );
  wh.close();
  const canal: Record<string, string> = { phone: "telephone", email: "courriel" };
  reports = rows.map((r) => ({
    month: String(r.month),
    canal: canal[String(r.channel)] ?? String(r.channel),
    group: String(r.group_code),
    category: String(r.category_code),
    sensitive: r.privacy_class === "sensitive",
    publicAsset: r.privacy_class === "public_asset",
    service: String(r.service_code),
    district: String(r.district_code),
    sla: String(r.sla_status),
    closed: r.closed === true,
    complaint: r.has_complaint === true,
    thanks: r.has_thanks === true,
    reopened: r.is_reopened === true,
    open: r.is_open === true,
    overdue: r.is_open_overdue === true,
    bucket: bucketOf(Number(r.age_days)),
    cell8: typeof r.lat === "number" && typeof r.lon === "number" ? latLngToCell(r.lat, r.lon, 8) : null,
  }));
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const num = (v: string | undefined) => (v === undefined || v === "" ? null : Number(v));
const sumOf = (rows: Rec[], col: string) => rows.reduce((s, r) => s + (num(r[col]) ?? Number.NaN), 0);
const E = "ensemble";

/** Months (`YYYY-MM`) of a row's period, from its first and last day. */
function monthsOf(row: Rec): string[] {
  const out: string[] = [];
  const [y0, m0] = (row.debut_periode ?? "").split("-").map(Number) as [number, number];
  const last = (row.fin_periode ?? "").slice(0, 7);
  for (let i = 0; i < 240; i++) {
    const index = y0 * 12 + (m0 - 1) + i;
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
    out.push(month);
    if (month >= last) break;
  }
  return out;
}

describe("tables add up across each other (same period)", () => {
  test("volumes: every one-way breakdown of a month sums to the month's total", () => {
    const months = new Set(table("volumes_mensuels").map((r) => r.mois));
    expect(months.size).toBeGreaterThanOrEqual(14);
    for (const month of months) {
      const rows = table("volumes_mensuels").filter((r) => r.mois === month);
      const total = num(
        rows.find((r) => [r.canal, r.groupe_categorie, r.code_service, r.code_quartier].every((v) => v === E))?.nb_signalements,
      );
      for (const dim of ["canal", "groupe_categorie", "code_service", "code_quartier"]) {
        const parts = rows.filter((r) => r[dim] !== E);
        expect(sumOf(parts, "nb_signalements"), `${month} ${dim}`).toBe(total);
      }
    }
  });

  test("delays by service and by district: units sum to the city, months to quarters, years and the rolling window", () => {
    const counts = ["n", "n_clos", "nb_dans_les_delais", "nb_hors_delais", "nb_en_retard_ouverts"];
    for (const [name, unit] of [
      ["delais_par_service", "code_service"],
      ["delais_par_quartier", "code_quartier"],
    ] as const) {
      const rows = table(name);
      const monthly = new Map(rows.filter((r) => r.type_periode === "mois" && r[unit] === E).map((r) => [r.periode, r]));
      let wholes = 0;
      for (const period of new Set(rows.map((r) => r.periode))) {
        const inPeriod = rows.filter((r) => r.periode === period);
        const city = inPeriod.find((r) => r[unit] === E) as Rec;
        for (const c of counts)
          expect(
            sumOf(
              inPeriod.filter((r) => r[unit] !== E),
              c,
            ),
            `${name} ${period} ${c}`,
          ).toBe(num(city[c]));
        if (city.type_periode === "mois") continue;
        const months = monthsOf(city).map((m) => monthly.get(m));
        if (months.some((m) => m === undefined)) continue; // a window reaching before the history
        wholes++;
        for (const c of counts) expect(sumOf(months as Rec[], c), `${name} ${period} ${c} = Σ mois`).toBe(num(city[c]));
      }
      expect(wholes).toBeGreaterThanOrEqual(5);
    }
  });

  test("a month's reports are the same in volumes, both delay tables, category usage and contacts", () => {
    const vol = (m: string, canal = E) =>
      num(
        table("volumes_mensuels").find(
          (r) => r.mois === m && r.canal === canal && r.groupe_categorie === E && r.code_service === E && r.code_quartier === E,
        )?.nb_signalements,
      );
    for (const month of new Set(table("volumes_mensuels").map((r) => r.mois ?? ""))) {
      const city = (name: string, unit: string) =>
        num(table(name).find((r) => r.type_periode === "mois" && r.periode === month && r[unit] === E)?.n);
      expect(city("delais_par_service", "code_service"), month).toBe(vol(month));
      expect(city("delais_par_quartier", "code_quartier"), month).toBe(vol(month));
      const usage = table("usage_categories").find((r) => r.periode === month && r.groupe_categorie === E && r.categorie === E);
      expect(num(usage?.nb_signalements), `usage ${month}`).toBe(vol(month));
      for (const canal of ["web", "app", "telephone", "courriel", E]) {
        const contact = table("contacts_par_canal").find((r) => r.mois === month && r.canal === canal && r.type_contact === "signalement");
        expect(num(contact?.nb_contacts) ?? 0, `contacts ${month} ${canal}`).toBe(vol(month, canal) ?? 0);
      }
    }
  });

  test("category usage: categories sum to their group, groups to the whole", () => {
    for (const period of new Set(table("usage_categories").map((r) => r.periode))) {
      const rows = table("usage_categories").filter((r) => r.periode === period);
      const whole = rows.find((r) => r.groupe_categorie === E && r.categorie === E) as Rec;
      const groups = rows.filter((r) => r.groupe_categorie !== E && r.categorie === E);
      expect(sumOf(groups, "nb_signalements"), period).toBe(num(whole.nb_signalements));
      for (const g of groups) {
        const cats = rows.filter((r) => r.groupe_categorie === g.groupe_categorie && r.categorie !== E);
        expect(sumOf(cats, "nb_signalements"), `${period} ${g.groupe_categorie}`).toBe(num(g.nb_signalements));
      }
    }
  });

  test("feedback: closed reports per period equal the delay table's, services sum to the whole", () => {
    for (const period of new Set(table("retours_usagers").map((r) => r.periode))) {
      const rows = table("retours_usagers").filter((r) => r.periode === period);
      const whole = rows.find((r) => r.code_service === E) as Rec;
      for (const c of ["nb_clos", "nb_reclamations", "nb_remerciements", "nb_reouvertures"])
        expect(
          sumOf(
            rows.filter((r) => r.code_service !== E),
            c,
          ),
          `${period} ${c}`,
        ).toBe(num(whole[c]));
      const delays = table("delais_par_service").find((r) => r.periode === period && r.code_service === E);
      expect(num(whole.nb_clos), period).toBe(num(delays?.n_clos));
    }
  });

  test("backlog: age buckets sum to each service, services to the whole", () => {
    const rows = table("stock_en_cours");
    for (const service of new Set(rows.map((r) => r.code_service))) {
      const mine = rows.filter((r) => r.code_service === service);
      const all = mine.find((r) => r.tranche_anciennete === E) as Rec;
      for (const c of ["nb_en_cours", "nb_en_retard"])
        expect(
          sumOf(
            mine.filter((r) => r !== all),
            c,
          ),
          `${service} ${c}`,
        ).toBe(num(all[c]));
    }
    const byBucket = rows.filter((r) => r.tranche_anciennete === E);
    expect(
      sumOf(
        byBucket.filter((r) => r.code_service !== E),
        "nb_en_cours",
      ),
    ).toBe(num(byBucket.find((r) => r.code_service === E)?.nb_en_cours));
  });

  test("the map counts every located report of its window, cells and the residual together, never more than the window's reports", () => {
    const rolling = table("delais_par_service").find((r) => r.type_periode === "12_mois_glissants" && r.code_service === E) as Rec;
    const window = new Set(monthsOf(rolling));
    const located = reports.filter((r) => !r.sensitive && r.cell8 !== null && window.has(r.month)).length;
    expect(sumOf(table("carte_h3"), "nb_signalements")).toBe(located);
    expect(located).toBeLessThanOrEqual(num(rolling.n) ?? 0);
  });
});

/** A linear model: one variable per atom (distinct combination of report attributes), counts as constraints. */
interface Model {
  atoms: Report[][];
  equalities: { atoms: number[]; value: number; label: string }[];
  lowerBounds: { atoms: number[]; value: number; label: string }[];
  targets: { atoms: number[]; value: number; label: string }[];
}

/** The published map zone of a report: its cell at the resolution published, or the residual. */
function mapZones(): (r: Report) => string | null {
  const cells = new Map(
    table("carte_h3")
      .filter((r) => r.cellule_h3 !== "autres_zones")
      .map((r) => [r.cellule_h3 as string, getResolution(r.cellule_h3 as string)]),
  );
  // Finest first: a pooled cell stands only for its sub-cells not published on their own.
  const resolutions = [...new Set(cells.values())].sort((a, b) => b - a);
  return (r) => {
    if (r.cell8 === null) return null;
    for (const res of resolutions) {
      const parent = cellToParent(r.cell8, res);
      if (cells.has(parent)) return parent;
    }
    return "autres_zones";
  };
}

/** Builds the model of the whole release; `extra` adds published counts (the negative control). */
function buildModel(extra: { label: string; matches: (r: Report) => boolean }[] = []): Model {
  const rolling = table("delais_par_service").find((r) => r.type_periode === "12_mois_glissants" && r.code_service === E) as Rec;
  const window = new Set(monthsOf(rolling));
  const zoneOf = mapZones();
  const keyOf = (r: Report) => JSON.stringify({ ...r, zone: window.has(r.month) && !r.sensitive ? zoneOf(r) : null });
  const index = new Map<string, number>();
  const atoms: Report[][] = [];
  for (const r of reports) {
    const key = keyOf(r);
    let i = index.get(key);
    if (i === undefined) {
      i = atoms.length;
      index.set(key, i);
      atoms.push([]);
    }
    atoms[i]?.push(r);
  }
  const select = (pred: (r: Report) => boolean) => atoms.flatMap((a, i) => (a[0] && pred(a[0]) ? [i] : []));
  const truth = (pred: (r: Report) => boolean) => reports.filter(pred).length;
  const model: Model = { atoms, equalities: [], lowerBounds: [], targets: [] };
  const publish = (label: string, cell: string | undefined, pred: (r: Report) => boolean) => {
    const value = num(cell);
    const entry = { atoms: select(pred), value: value ?? truth(pred), label };
    if (value === null) model.targets.push(entry);
    else model.equalities.push(entry);
  };
  const is = (code: string | undefined, value: string) => code === E || code === value;
  const open = (r: Report) => !r.sensitive;

  for (const row of table("volumes_mensuels"))
    publish(
      `volumes ${row.mois} ${row.canal} ${row.groupe_categorie} ${row.code_service} ${row.code_quartier}`,
      row.nb_signalements,
      (r) =>
        open(r) &&
        r.month === row.mois &&
        is(row.canal, r.canal) &&
        is(row.groupe_categorie, r.group) &&
        is(row.code_service, r.service) &&
        is(row.code_quartier, r.district),
    );
  const slaCounts: [string, (r: Report) => boolean][] = [
    ["n", () => true],
    ["n_clos", (r) => r.closed],
    ["nb_dans_les_delais", (r) => r.sla === "dans_les_delais"],
    ["nb_hors_delais", (r) => r.sla === "hors_delais"],
    ["nb_en_retard_ouverts", (r) => r.sla === "en_retard_ouvert"],
  ];
  for (const [name, unit, attr] of [
    ["delais_par_service", "code_service", "service"],
    ["delais_par_quartier", "code_quartier", "district"],
  ] as const) {
    for (const row of table(name)) {
      const months = new Set(monthsOf(row));
      for (const [col, pred] of slaCounts)
        publish(
          `${name} ${row.periode} ${row[unit]} ${col}`,
          row[col],
          (r) => open(r) && months.has(r.month) && is(row[unit], r[attr]) && pred(r),
        );
    }
  }
  const feedback: [string, (r: Report) => boolean][] = [
    ["nb_clos", (r) => r.closed],
    ["nb_reclamations", (r) => r.complaint],
    ["nb_remerciements", (r) => r.thanks],
    ["nb_reouvertures", (r) => r.reopened],
  ];
  for (const row of table("retours_usagers")) {
    const months = new Set(monthsOf(row));
    for (const [col, pred] of feedback)
      publish(
        `retours ${row.periode} ${row.code_service} ${col}`,
        row[col],
        (r) => open(r) && months.has(r.month) && is(row.code_service, r.service) && pred(r),
      );
  }
  for (const row of table("stock_en_cours")) {
    const base = (r: Report) => open(r) && r.open && is(row.code_service, r.service) && is(row.tranche_anciennete, r.bucket);
    publish(`stock ${row.code_service} ${row.tranche_anciennete}`, row.nb_en_cours, base);
    publish(`stock ${row.code_service} ${row.tranche_anciennete} retard`, row.nb_en_retard, (r) => base(r) && r.overdue);
  }
  for (const row of table("usage_categories")) {
    const months = new Set(monthsOf(row));
    publish(
      `usage ${row.periode} ${row.groupe_categorie} ${row.categorie}`,
      row.nb_signalements,
      (r) => open(r) && months.has(r.month) && is(row.groupe_categorie, r.group) && is(row.categorie, r.category),
    );
  }
  for (const row of table("contacts_par_canal").filter((r) => r.type_contact === "signalement"))
    publish(`contacts ${row.mois} ${row.canal}`, row.nb_contacts, (r) => open(r) && r.month === row.mois && is(row.canal, r.canal));
  for (const row of table("carte_h3"))
    publish(`carte ${row.cellule_h3}`, row.nb_signalements, (r) => open(r) && window.has(r.month) && zoneOf(r) === row.cellule_h3);
  for (const row of table("signalements_sensibles")) {
    const months = new Set(monthsOf(row));
    publish(
      `sensibles ${row.periode} ${row.code_quartier}`,
      row.nb_signalements,
      (r) => r.sensitive && months.has(r.month) && is(row.code_quartier, r.district),
    );
  }
  // The works queue lists open public-asset reports one by one: whoever reads it knows they exist.
  const listed = new Map<string, number>();
  for (const row of table("travaux_en_cours")) {
    const key = [
      row.code_service,
      row.code_quartier,
      row.categorie,
      (row.date_reception ?? "").slice(0, 7),
      row.cellule_h3 ? cellToParent(row.cellule_h3, 8) : "",
    ].join("|");
    listed.set(key, (listed.get(key) ?? 0) + 1);
  }
  for (const [key, value] of listed) {
    const [service, district, category, month, cell8] = key.split("|");
    model.lowerBounds.push({
      label: `travaux ${key}`,
      value,
      atoms: select(
        (r) =>
          r.open &&
          r.publicAsset &&
          r.service === service &&
          r.district === district &&
          r.category === category &&
          r.month === month &&
          (cell8 === "" || r.cell8 === cell8),
      ),
    });
  }
  for (const e of extra) model.equalities.push({ label: e.label, atoms: select(e.matches), value: truth(e.matches) });
  return model;
}

/** Bounds of each target under every constraint sharing atoms with it (transitively), by LP. */
async function audit(model: Model): Promise<{ label: string; value: number; lo: number; hi: number }[]> {
  const highs = await loadHighs();
  const constraints = [...model.equalities.map((c) => ({ ...c, op: "=" })), ...model.lowerBounds.map((c) => ({ ...c, op: ">=" }))];
  const byAtom = new Map<number, number[]>();
  constraints.forEach((c, i) => {
    for (const a of c.atoms) byAtom.set(a, [...(byAtom.get(a) ?? []), i]);
  });
  const results: { label: string; value: number; lo: number; hi: number }[] = [];
  for (const target of model.targets) {
    // The connected part of the model: constraints reachable from the target's atoms.
    const rows = new Set<number>();
    const atoms = new Set<number>(target.atoms);
    const queue = [...target.atoms];
    while (queue.length > 0) {
      const a = queue.pop() as number;
      for (const c of byAtom.get(a) ?? []) {
        if (rows.has(c)) continue;
        rows.add(c);
        for (const b of constraints[c]?.atoms ?? []) if (!atoms.has(b)) atoms.add(b), queue.push(b);
      }
    }
    const objective = target.atoms.length === 0 ? "0 x" : target.atoms.map((a) => `x${a}`).join(" + ");
    const body = [...rows].map((c, i) => {
      const row = constraints[c] as (typeof constraints)[number];
      return ` c${i}: ${row.atoms.map((a) => `x${a}`).join(" + ")} ${row.op} ${row.value}`;
    });
    const lp = (sense: string) =>
      `${sense}\n obj: ${objective}\nSubject To\n${body.length > 0 ? body.join("\n") : ` c0: ${objective} >= 0`}\nBounds\n${[...atoms].map((a) => ` x${a} >= 0`).join("\n")}\nEnd\n`;
    const solve = (sense: "Minimize" | "Maximize") => {
      const s = highs.solve(lp(sense), { output_flag: false });
      if (s.Status === "Unbounded") return sense === "Maximize" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      if (s.Status !== "Optimal") throw new Error(`${target.label} : ${s.Status}`);
      return s.ObjectiveValue;
    };
    results.push({ label: target.label, value: target.value, lo: solve("Minimize"), hi: solve("Maximize") });
  }
  return results;
}

const exposed = (r: { value: number; lo: number; hi: number }) => r.lo > Math.max(0, r.value - K) + 1e-6 || r.hi < r.value + K - 1e-6;

describe("disclosure audit over every published table and period together", () => {
  test("the model reproduces every published count from the report-level truth (it reads the tables as defined)", () => {
    const model = buildModel();
    expect(model.equalities.length).toBeGreaterThan(2000);
    const wrong = model.equalities
      .filter((c) => c.atoms.reduce((s, a) => s + (model.atoms[a]?.length ?? 0), 0) !== c.value)
      .map((c) => c.label);
    expect(wrong).toEqual([]);
  });

  test("no suppressed value is recoverable exactly or within ±k", async () => {
    const model = buildModel();
    // At 70 reports a month, the sensitive counts by district and quarter are mostly below k.
    expect(model.targets.length).toBeGreaterThan(5);
    const results = await audit(model);
    expect(results.filter(exposed)).toEqual([]);
  }, 300_000);

  test("negative control: with sensitive reports in the monthly district totals (as before), the audit finds them", async () => {
    const leak = [...new Set(reports.map((r) => `${r.month}|${r.district}`))].map((key) => {
      const [month, district] = key.split("|");
      return { label: `fuite ${key}`, matches: (r: Report) => r.month === month && r.district === district };
    });
    const results = await audit(buildModel(leak));
    const recovered = results.filter(
      (r) => r.label.startsWith("sensibles") && Math.abs(r.lo - r.value) < 1e-6 && Math.abs(r.hi - r.value) < 1e-6,
    );
    expect(recovered.length).toBe(results.filter((r) => r.label.startsWith("sensibles")).length);
    expect(recovered.length).toBeGreaterThan(5);
  }, 300_000);
});
