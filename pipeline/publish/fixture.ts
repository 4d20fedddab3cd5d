import { coarsenMap } from "./h3map.ts";
import type { Row } from "./rows.ts";

/** Synthetic inputs for release tests: seeded, no personal data, one prolific reporter. */

const SERVICES = ["PROPRETE", "VOIRIE", "ECLAIRAGE", "ESPACES_VERTS"];
const DISTRICTS = ["centre", "gare", "neudorf", "meinau", "robertsau"];
const CHANNELS = ["web", "app", "telephone", "courriel"];
const MONTHS = ["2026-01", "2026-02", "2026-03"];
const LAST_DAY: Record<string, string> = { "2026-01": "31", "2026-02": "28", "2026-03": "31" };

interface Report {
  id: string;
  month: string;
  channel: string;
  group: string;
  service: string;
  district: string;
  reporter: string;
  closed: boolean;
  onTime: boolean;
  lat: number;
  lon: number;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `perMonth` synthetic reports a month, plus 15 reports by one prolific reporter in one cell. */
export function syntheticReports(perMonth: number, seed = 7): Report[] {
  const rand = prng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)] as T;
  const reports: Report[] = [];
  for (const month of MONTHS) {
    for (let i = 0; i < perMonth; i++) {
      const closed = rand() < 0.8;
      reports.push({
        id: `SIG-${month}-${i}`,
        month,
        channel: pick(CHANNELS),
        group: pick(["proprete", "voirie"]),
        service: pick(SERVICES),
        district: pick(DISTRICTS),
        reporter: `R-${Math.floor(rand() * perMonth * 2)}`,
        closed,
        onTime: closed && rand() < 0.7,
        lat: 48.55 + rand() * 0.06,
        lon: 7.72 + rand() * 0.06,
      });
    }
  }
  for (let i = 0; i < 15; i++) {
    reports.push({
      id: `SIG-P-${i}`,
      month: "2026-02",
      channel: "app",
      group: "proprete",
      service: "ECLAIRAGE",
      district: "robertsau",
      reporter: "R-PROLIFIQUE",
      closed: true,
      onTime: true,
      lat: 48.6,
      lon: 7.78,
    });
  }
  return reports;
}

const label = (code: string) => (code === "ensemble" ? "Ensemble" : code.charAt(0).toUpperCase() + code.slice(1).toLowerCase());

function group(reports: Report[], keyOf: (r: Report) => string[][]): Map<string, Report[]> {
  const out = new Map<string, Report[]>();
  for (const r of reports) {
    for (const key of keyOf(r)) {
      const id = JSON.stringify(key);
      const list = out.get(id);
      if (list) list.push(r);
      else out.set(id, [r]);
    }
  }
  return out;
}

const share = (rs: Report[]): number => {
  const counts = new Map<string, number>();
  for (const r of rs) counts.set(r.reporter, (counts.get(r.reporter) ?? 0) + 1);
  return Math.max(...counts.values()) / rs.length;
};

/** Every subset of `values` replaced by `ensemble`: the margins of a cube. */
function withTotals(values: string[]): string[][] {
  const out: string[][] = [];
  for (let mask = 0; mask < 1 << values.length; mask++) out.push(values.map((v, i) => (mask & (1 << i) ? "ensemble" : v)));
  return out;
}

function delays(reports: Report[], dim: "service" | "district"): Row[] {
  const grouped = group(reports, (r) => [
    [r.month, r[dim]],
    [r.month, "ensemble"],
  ]);
  return [...grouped].map(([key, rs]): Row => {
    const [month, code] = JSON.parse(key) as [string, string];
    const nClos = rs.filter((r) => r.closed).length;
    const on = rs.filter((r) => r.onTime).length;
    const late = rs.filter((r) => r.closed && !r.onTime).length;
    const overdue = rs.length - nClos;
    const codeCol: Row = dim === "service" ? { code_service: code, service: label(code) } : { code_quartier: code, quartier: label(code) };
    return {
      type_periode: "mois",
      periode: month,
      debut_periode: `${month}-01`,
      fin_periode: `${month}-${LAST_DAY[month]}`,
      ...codeCol,
      n: rs.length,
      n_clos: nClos,
      delai_median_jours: 6.5,
      delai_p90_jours: 21,
      nb_dans_les_delais: on,
      nb_hors_delais: late,
      nb_en_retard_ouverts: overdue,
      taux_dans_les_delais: on + late + overdue === 0 ? null : Math.round((on / (on + late + overdue)) * 1000) / 1000,
      part_max_declarant: share(rs),
    };
  });
}

/** Synthetic mart rows for the release: volumes (with all margins), delays by service and district, works queue. */
export function syntheticTables(perMonth: number, seed = 7): Record<string, Row[]> {
  const reports = syntheticReports(perMonth, seed);
  const volumes = [...group(reports, (r) => withTotals([r.channel, r.group, r.service, r.district]).map((t) => [r.month, ...t]))].map(
    ([key, rs]) => {
      const [mois, canal, groupe_categorie, code_service, code_quartier] = JSON.parse(key) as string[];
      return {
        mois,
        canal,
        groupe_categorie,
        code_service,
        service: label(code_service ?? ""),
        code_quartier,
        quartier: label(code_quartier ?? ""),
        nb_signalements: rs.length,
        part_max_declarant: share(rs),
      } as Row;
    },
  );
  const works: Row[] = reports
    .filter((r) => !r.closed && r.group === "voirie")
    .map((r) => ({
      id_interne: r.id,
      latitude: r.lat,
      longitude: r.lon,
      code_service: r.service,
      service: label(r.service),
      code_quartier: r.district,
      quartier: label(r.district),
      groupe_categorie: r.group,
      categorie: "nid_de_poule",
      etape: "programme",
      date_reception: `${r.month}-02`,
      date_prevue: null,
    }));
  return {
    volumes_mensuels: volumes,
    delais_par_service: delays(reports, "service"),
    delais_par_quartier: delays(reports, "district"),
    carte_h3: coarsenMap(
      reports.map((r) => ({ latitude: r.lat, longitude: r.lon, reporter: r.reporter })),
      { resolution: 8, minResolution: 6, k: 11, dominanceShare: 0.5 },
      "12_mois_glissants",
    ),
    signalements_sensibles: sensitive(),
    travaux_en_cours: works,
  };
}

/**
 * Sensitive-category counts for 2026-T1 by district: `centre` 25 from many reporters (published),
 * `gare` 4 (below k), `robertsau` 15 of which 12 by one reporter (dominated), `neudorf` 0 (stays), and
 * the city total.
 */
function sensitive(): Row[] {
  const row = (code: string, n: number, share: number): Row => ({
    type_periode: "trimestre",
    periode: "2026-T1",
    debut_periode: "2026-01-01",
    fin_periode: "2026-03-31",
    code_quartier: code,
    quartier: label(code),
    nb_signalements: n,
    part_max_declarant: share,
  });
  // City total 44: the hidden gare (4) and robertsau (15) keep 15 and 4 of cover: below k for robertsau, so the total goes.
  return [row("centre", 25, 0.08), row("gare", 4, 0.25), row("neudorf", 0, 0), row("robertsau", 15, 0.8), row("ensemble", 44, 0.3)];
}
