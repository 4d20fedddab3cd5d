/**
 * A full synthetic release for the dashboard tests: hand-written mart rows for every published table, run through the
 * real `buildRelease` (disclosure control, publication gate, descriptors). Counts are chosen so that the figures the
 * tests check can be computed by hand; one small cell per table exercises "non diffusé".
 */

import { buildRelease } from "../../pipeline/publish/release.ts";
import type { Row } from "../../pipeline/publish/rows.ts";
import { loadReference } from "../../pipeline/reference.ts";
import type { IndicatorRegistry, PublicationPolicy } from "../../schemas/published/config.ts";

/** Months of the fixture. */
export const MONTHS = ["2026-01", "2026-02", "2026-03"] as const;
/** Channels of the fixture, in release order. */
export const FIXTURE_CHANNELS = ["web", "app", "telephone", "courriel"] as const;
/** Services: code, label, category group and the one district where each works (keeps margins hand-computable). */
export const FIXTURE_SERVICES = [
  { code: "PROPRETE", label: "Propreté", group: "proprete", district: "strasbourg_centre", districtLabel: "Strasbourg-centre" },
  { code: "VOIRIE", label: "Voirie", group: "voirie", district: "neudorf_musau_port_du_rhin", districtLabel: "Neudorf-Musau-Port du Rhin" },
  { code: "ECLAIRAGE", label: "Éclairage", group: "eclairage", district: "meinau", districtLabel: "Meinau" },
] as const;

const LAST_DAY: Record<string, string> = { "2026-01": "31", "2026-02": "28", "2026-03": "31" };
const E = "ensemble";

/** Reports received in a month (index m), channel (index c), service (index s): 20 + 10m + 5c + 3s; one small cell. */
export function baseVolume(m: number, c: number, s: number): number {
  if (m === 0 && c === 3 && s === 2) return 4; // January, email, lighting: below k, suppressed
  return 20 + 10 * m + 5 * c + 3 * s;
}

function volumes(): Row[] {
  const cells = new Map<string, { key: string[]; count: number }>();
  MONTHS.forEach((month, m) => {
    FIXTURE_CHANNELS.forEach((channel, c) => {
      FIXTURE_SERVICES.forEach((service, s) => {
        const values = [channel, service.group, service.code, service.district];
        for (let mask = 0; mask < 16; mask++) {
          const key = [month, ...values.map((v, i) => (mask & (1 << i) ? E : v))];
          const id = key.join("|");
          const cell = cells.get(id) ?? { key, count: 0 };
          cell.count += baseVolume(m, c, s);
          cells.set(id, cell);
        }
      });
    });
  });
  const serviceLabel = (code: string) => FIXTURE_SERVICES.find((s) => s.code === code)?.label ?? "Ensemble";
  const districtLabel = (code: string) => FIXTURE_SERVICES.find((s) => s.district === code)?.districtLabel ?? "Ensemble";
  return [...cells.values()].map(({ key: [mois, canal, groupe_categorie, code_service, code_quartier], count }) => ({
    mois: mois as string,
    canal: canal as string,
    groupe_categorie: groupe_categorie as string,
    code_service: code_service as string,
    service: serviceLabel(code_service as string),
    code_quartier: code_quartier as string,
    quartier: districtLabel(code_quartier as string),
    nb_signalements: count,
    part_max_declarant: 0.1,
  }));
}

const period = (month: string) => ({
  type_periode: "mois",
  periode: month,
  debut_periode: `${month}-01`,
  fin_periode: `${month}-${LAST_DAY[month]}`,
});

/** On time / closed late / open overdue for month m and unit u (service or district index; 3 = ensemble). */
export function delayCounts(m: number, u: number): { n: number; onTime: number; late: number; overdue: number } {
  if (u === 3) {
    const parts = [0, 1, 2].map((i) => delayCounts(m, i));
    const sum = (f: (p: (typeof parts)[number]) => number) => parts.reduce((a, p) => a + f(p), 0);
    return { n: sum((p) => p.n), onTime: sum((p) => p.onTime), late: sum((p) => p.late), overdue: sum((p) => p.overdue) };
  }
  const onTime = 60 + 10 * m + 10 * u;
  const late = 20 + 5 * u;
  const overdue = 20 - 5 * m;
  return { n: onTime + late + overdue + 20, onTime, late, overdue };
}

/** District rows over the whole quarter (2026-T1) and the rolling 12 months (the same three months here): sums of the months. */
function districtWholePeriods(): Row[] {
  const whole = [
    { type_periode: "trimestre", periode: "2026-T1" },
    { type_periode: "12_mois_glissants", periode: "12_mois_glissants" },
  ];
  return whole.flatMap((p) =>
    [...FIXTURE_SERVICES, null].map((unit, u): Row => {
      const sum = { n: 0, onTime: 0, late: 0, overdue: 0 };
      for (let m = 0; m < MONTHS.length; m++) {
        const c = delayCounts(m, u);
        sum.n += c.n;
        sum.onTime += c.onTime;
        sum.late += c.late;
        sum.overdue += c.overdue;
      }
      return {
        ...p,
        debut_periode: "2026-01-01",
        fin_periode: "2026-03-31",
        code_quartier: unit === null ? E : unit.district,
        quartier: unit === null ? "Ensemble" : unit.districtLabel,
        n: sum.n,
        n_clos: sum.onTime + sum.late,
        delai_median_jours: 6 + u,
        delai_p90_jours: 16 + u,
        nb_dans_les_delais: sum.onTime,
        nb_hors_delais: sum.late,
        nb_en_retard_ouverts: sum.overdue,
        taux_dans_les_delais: Math.round((sum.onTime / (sum.onTime + sum.late + sum.overdue)) * 1000) / 1000,
        part_max_declarant: 0.1,
      };
    }),
  );
}

function delays(dim: "service" | "district"): Row[] {
  return (dim === "district" ? districtWholePeriods() : []).concat(delaysByMonth(dim));
}

function delaysByMonth(dim: "service" | "district"): Row[] {
  return MONTHS.flatMap((month, m) =>
    [...FIXTURE_SERVICES, null].map((unit, u): Row => {
      const { n, onTime, late, overdue } = delayCounts(m, u);
      const code = unit === null ? E : dim === "service" ? unit.code : unit.district;
      const label = unit === null ? "Ensemble" : dim === "service" ? unit.label : unit.districtLabel;
      return {
        ...period(month),
        ...(dim === "service" ? { code_service: code, service: label } : { code_quartier: code, quartier: label }),
        n,
        n_clos: onTime + late,
        delai_median_jours: 5 + m + u,
        // Éclairage in March: fewer than 90 % closed yet, the p90 is not reached (statut_delai_p90 = non_atteint).
        delai_p90_jours: m === 2 && u === 2 ? null : 14 + 2 * m + u,
        nb_dans_les_delais: onTime,
        nb_hors_delais: late,
        nb_en_retard_ouverts: overdue,
        taux_dans_les_delais: Math.round((onTime / (onTime + late + overdue)) * 1000) / 1000,
        part_max_declarant: 0.1,
      };
    }),
  );
}

const BUCKETS = ["0_7_jours", "8_15_jours", "16_30_jours", "31_90_jours", "plus_de_90_jours"] as const;

function backlog(): Row[] {
  const rows: Row[] = [];
  const perBucket = (s: number, b: number) => (s === 2 && b === 4 ? 3 : 30 - 4 * b + 2 * s);
  for (const [s, service] of [...FIXTURE_SERVICES.entries(), [3, null] as const]) {
    for (const [b, bucket] of [...BUCKETS.entries(), [5, E] as const]) {
      const value = (f: (s: number, b: number) => number) => {
        const ss = s === 3 ? [0, 1, 2] : [s];
        const bs = b === 5 ? [0, 1, 2, 3, 4] : [b];
        return ss.reduce((a, i) => a + bs.reduce((x, j) => x + f(i, j), 0), 0);
      };
      rows.push({
        date_extraction: "2026-04-01",
        code_service: service?.code ?? E,
        service: service?.label ?? "Ensemble",
        tranche_anciennete: bucket,
        nb_en_cours: value(perBucket),
        nb_en_retard: value((i, j) => (j >= 2 ? perBucket(i, j) : 0)),
        part_max_declarant: 0.1,
      });
    }
  }
  return rows;
}

/** Feedback counts for month m and service s (3 = ensemble). */
export function feedbackCounts(m: number, s: number): { closed: number; complaints: number; thanks: number; reopened: number } {
  if (s === 3) {
    const parts = [0, 1, 2].map((i) => feedbackCounts(m, i));
    const sum = (f: (p: (typeof parts)[number]) => number) => parts.reduce((a, p) => a + f(p), 0);
    return {
      closed: sum((p) => p.closed),
      complaints: sum((p) => p.complaints),
      thanks: sum((p) => p.thanks),
      reopened: sum((p) => p.reopened),
    };
  }
  return { closed: 100 + 20 * m + 10 * s, complaints: 12 + s, thanks: 20 + 5 * m, reopened: 11 + m };
}

function feedback(): Row[] {
  return MONTHS.flatMap((month, m) =>
    [...FIXTURE_SERVICES, null].map((service, s): Row => {
      const f = feedbackCounts(m, s);
      const rate = (x: number) => Math.round((x / f.closed) * 1000) / 1000;
      return {
        ...period(month),
        code_service: service?.code ?? E,
        service: service?.label ?? "Ensemble",
        nb_clos: f.closed,
        nb_reclamations: f.complaints,
        nb_remerciements: f.thanks,
        nb_reouvertures: f.reopened,
        taux_reclamation: rate(f.complaints),
        taux_remerciement: rate(f.thanks),
        taux_reouverture: rate(f.reopened),
        part_max_declarant: 0.1,
      };
    }),
  );
}

const CONTACT_TYPES = ["signalement", "courriel", "appel", "intervention"] as const;

/** Contacts of month m, channel c (4 = ensemble), type t. Calls only by phone, emails only by email. */
export function contactCount(m: number, c: number, t: number): number {
  if (c === 4) return [0, 1, 2, 3].reduce((a, i) => a + contactCount(m, i, t), 0);
  const type = CONTACT_TYPES[t];
  if (type === "signalement") return [0, 1, 2].reduce((a, s) => a + baseVolume(m, c, s), 0);
  if (type === "courriel") return c === 3 ? 50 + 10 * m : 0;
  if (type === "appel") return c === 2 ? 80 + 5 * m : 0;
  return 15 + c + m;
}

function contacts(): Row[] {
  return MONTHS.flatMap((mois, m) =>
    [...FIXTURE_CHANNELS, E].flatMap((canal, c) =>
      CONTACT_TYPES.map((type_contact, t) => ({ mois, canal, type_contact, nb_contacts: contactCount(m, c, t), part_max_declarant: 0.1 })),
    ),
  );
}

function categories(): Row[] {
  const rows: Row[] = [];
  MONTHS.forEach((month, m) => {
    const cats = [
      ["proprete", "depot_sauvage", 40 + m],
      ["proprete", "tag", 25 + m],
      ["voirie", "nid_de_poule", 30 + 2 * m],
    ] as const;
    for (const [g, cat, n] of cats)
      rows.push({ ...period(month), groupe_categorie: g, categorie: cat, nb_signalements: n, part_max_declarant: 0.1 });
    for (const g of ["proprete", "voirie"]) {
      const n = cats.filter((c) => c[0] === g).reduce((a, c) => a + c[2], 0);
      rows.push({ ...period(month), groupe_categorie: g, categorie: E, nb_signalements: n, part_max_declarant: 0.1 });
    }
    const all = cats.reduce((a, c) => a + c[2], 0);
    rows.push({ ...period(month), groupe_categorie: E, categorie: E, nb_signalements: all, part_max_declarant: 0.1 });
  });
  return rows;
}

/** H3 cells (resolution 8) of the map layer, with their counts; the last one is below k. */
export const H3_CELLS: [string, number][] = [
  ["881f856007fffff", 42],
  ["881f856005fffff", 25],
  ["881f85602bfffff", 17],
];
/** Located reports of the zones still sparse at the coarsest resolution: the map's residual row, without a place. */
export const H3_RESIDUAL = 5;

function h3(): Row[] {
  const cells = H3_CELLS.map(([cellule_h3, n]) => ({
    periode: "12_mois_glissants",
    cellule_h3,
    resolution_h3: 8,
    nb_signalements: n,
    part_max_declarant: 0.1,
  }));
  return [
    ...cells,
    {
      periode: "12_mois_glissants",
      cellule_h3: "autres_zones",
      resolution_h3: null,
      nb_signalements: H3_RESIDUAL,
      part_max_declarant: null,
    },
  ];
}

/** Sensitive-category counts in 2026-T1: [district index, count, largest reporter share]; 4 is below k. */
export const SENSITIVE: [number, number, number][] = [
  [0, 23, 0.1],
  [1, 4, 0.25],
  [2, 0, 0],
];

function sensitive(): Row[] {
  return SENSITIVE.map(([s, n, share]) => {
    const service = FIXTURE_SERVICES[s] as (typeof FIXTURE_SERVICES)[number];
    return {
      type_periode: "trimestre",
      periode: "2026-T1",
      debut_periode: "2026-01-01",
      fin_periode: "2026-03-31",
      code_quartier: service.district,
      quartier: service.districtLabel,
      nb_signalements: n,
      part_max_declarant: share,
    };
  });
}

/** Works queue: [service index, stage, received, planned] — coordinates inside each service's district. */
export const WORKS: [number, string, string, string | null][] = [
  [1, "programme", "2026-03-02", "2026-04-10"],
  [1, "en_cours", "2026-02-20", "2026-04-02"],
  [1, "oriente", "2026-03-15", null],
  [2, "programme", "2026-03-05", "2026-04-08"],
  [2, "pris_en_compte", "2026-03-28", null],
  [0, "en_cours", "2026-03-10", "2026-04-03"],
];
const POINTS: [number, number][] = [
  [48.5835, 7.748],
  [48.566, 7.77],
  [48.555, 7.75],
];

function works(): Row[] {
  return WORKS.map(([s, etape, received, planned], i) => {
    const service = FIXTURE_SERVICES[s] as (typeof FIXTURE_SERVICES)[number];
    const [lat, lon] = POINTS[s] as [number, number];
    return {
      id_interne: `TRAVAUX-${i}`,
      latitude: lat + i * 0.001,
      longitude: lon,
      code_service: service.code,
      service: service.label,
      code_quartier: service.district,
      quartier: service.districtLabel,
      groupe_categorie: "voirie",
      categorie: "nid_de_poule",
      etape,
      date_reception: received,
      date_prevue: planned,
    };
  });
}

/** Mart rows for every published table. */
export function fixtureTables(): Record<string, Row[]> {
  return {
    volumes_mensuels: volumes(),
    delais_par_service: delays("service"),
    delais_par_quartier: delays("district"),
    stock_en_cours: backlog(),
    retours_usagers: feedback(),
    contacts_par_canal: contacts(),
    usage_categories: categories(),
    carte_h3: h3(),
    signalements_sensibles: sensitive(),
    travaux_en_cours: works(),
  };
}

const POLICY: PublicationPolicy = {
  k: 11,
  dominance: { part_max_declarant: 0.5 },
  h3: { resolution_agregats: 8, resolution_min_agregats: 6, resolution_travaux: 9 },
  classes_confidentialite: {
    public_asset: { agregats: "sans_seuil", carte: "seuil_k", liste: "travaux_en_cours" },
    standard: { agregats: "sans_seuil", carte: "seuil_k", liste: "aucune" },
    sensitive: { agregats: "quartier_trimestre_seuil_k", carte: "aucune", liste: "aucune" },
  },
  longueur_max_texte: 64,
};

/** Indicators of the registry that are not published: one awaiting a decision, one withheld. */
export const UNPUBLISHED_INDICATORS = [
  {
    table: "delais_prise_en_compte",
    definition: "Délai jusqu'à la prise en compte.",
    decision: "pending" as const,
    decide_par: null,
    decide_le: null,
    deliberation: null,
  },
  {
    table: "reorientations_par_service",
    definition: "Réorientations entre services.",
    decision: "withheld" as const,
    decide_par: "Conseil municipal (test)",
    decide_le: "2026-02-23",
    deliberation: "TEST-2026-007",
  },
];

/** Every table approved (the dashboard shows all of them) plus two unpublished indicators; a demonstration council decides. */
function registry(tables: string[], pending: readonly string[] = []): IndicatorRegistry {
  return {
    version: "test",
    indicateurs: [
      ...tables.map((table) =>
        pending.includes(table)
          ? {
              table,
              definition: `Indicateur ${table}.`,
              decision: "pending" as const,
              decide_par: null,
              decide_le: null,
              deliberation: null,
            }
          : {
              table,
              definition: `Indicateur ${table}.`,
              decision: "approved" as const,
              decide_par: "Conseil municipal (test)",
              decide_le: "2026-01-26",
              deliberation: "TEST-2026-001",
            },
      ),
      ...UNPUBLISHED_INDICATORS,
    ],
  };
}

/**
 * Builds the synthetic release into `outDir` and returns `outDir`: public by default; `pending` tables await a
 * decision (absent from a public release); `preview` builds the marked preview with every table.
 */
export async function writeFixtureRelease(
  outDir: string,
  options: { pending?: readonly string[]; preview?: boolean } = {},
): Promise<string> {
  const tables = fixtureTables();
  await buildRelease({
    tables,
    geo: { districts: loadReference().districts.features },
    version: "1.2.0",
    releasedAt: "2026-04-01",
    key: "cle-de-test-du-tableau-de-bord-0123456789",
    outDir,
    preview: options.preview ?? false,
    policy: POLICY,
    registry: registry(Object.keys(tables), options.pending),
    changelog: [
      { version: "1.2.0", date: "2026-04-01", changes: ["Ajout des travaux en cours.", "Mars 2026 publié."] },
      { version: "1.0.0", date: "2026-02-01", changes: ["Première publication."] },
    ],
  });
  return outDir;
}
