import type { IndicatorRegistry, PublicationPolicy } from "../../schemas/published/config.ts";
import { columnsOf, PUBLISHED_TABLES, type PublishedTable } from "../../schemas/published/tables.ts";
import { findLongString, h3CellOf, projectRow, publicId, requireKey } from "./anonymize.ts";
import { formatValue, toCsv, toExcelCsv } from "./csv.ts";
import { PREVIEW_MARK } from "./descriptors.ts";
import { applyDisclosureControl, type TableDisclosureReport } from "./disclosure.ts";
import { type Correction, freezeClosedPeriods } from "./freeze.ts";
import { districtCollection, h3Collection } from "./geojson.ts";
import type { Row } from "./rows.ts";
import { withStatuses } from "./statuses.ts";
import { type TableSchema, tableSchemaOf } from "./tableSchema.ts";

/** District polygons used for data/quartiers.geojson. */
export type DistrictGeo = { properties: { code: string; nom: string }; geometry: { coordinates: [number, number][][] } }[];

/** What the pure assembly needs: rows per public table (internal columns allowed), policy, registry, key. */
export interface AssembleInput {
  tables: Record<string, Row[]>;
  districts: DistrictGeo;
  key: string | undefined;
  preview: boolean;
  policy: PublicationPolicy;
  registry: IndicatorRegistry;
  /** Rows of the previous release of the same folder: its closed periods are re-emitted as published. */
  previous?: Record<string, Row[]>;
  /** Approved corrections: these table periods are recomputed instead of frozen. */
  corrections?: Correction[];
}

/** One table ready to write. */
export interface AssembledTable {
  table: PublishedTable;
  schema: TableSchema;
  rows: Row[];
}

/** Summary line per table. */
export interface TableSummary extends TableDisclosureReport {
  table: string;
  part_masquee: number;
  /** Closed periods re-emitted from the previous release. */
  periodes_figees: number;
}

/** Orders rows by the table's primary key, compared as published text. */
function byKey(columns: readonly string[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const c of columns) {
      const x = formatValue(a[c]);
      const y = formatValue(b[c]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

/** The release content before descriptors: text files by relative path, tables for Parquet, summary. */
export interface Assembled {
  tables: AssembledTable[];
  textFiles: Map<string, string>;
  summary: TableSummary[];
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Works-queue rows: internal id → keyed public id, raw point → H3 cell (internal columns dropped later). */
function pseudonymiseWorks(rows: Row[], key: string, resolution: number): Row[] {
  return rows.map((row) => {
    const next = { ...row };
    if (typeof row.id_interne === "string") next.identifiant_public = publicId(key, row.id_interne);
    if (next.cellule_h3 === undefined) {
      const located = typeof row.latitude === "number" && typeof row.longitude === "number";
      next.cellule_h3 = located ? h3CellOf(row.latitude as number, row.longitude as number, resolution) : null;
    }
    return next;
  });
}

/** Validates one published row against its zod schema; the message names table, row and column, never the value. */
function validateRow(table: PublishedTable, row: Row, index: number): void {
  const result = table.schema.safeParse(row);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`ligne invalide dans ${table.name} (ligne ${index + 1}, colonne ${issue?.path.join(".")}) : ${issue?.message}`);
  }
}

/** Fail-closed guard: every published count of a controlled table is 0 or ≥ k (exempt rows aside). */
function assertCounts(table: PublishedTable, rows: Row[], k: number): void {
  const exempt = table.disclosure?.exempt;
  for (const [index, row] of rows.entries()) {
    if (exempt && row[exempt.column] === exempt.value) continue;
    for (const column of table.disclosure?.counts ?? []) {
      const value = row[column];
      if (typeof value === "number" && value > 0 && value < k)
        throw new Error(`compte inférieur au seuil publié dans ${table.name}.${column} (ligne ${index + 1})`);
    }
  }
}

/** Latest period per district for the district map: rolling 12 months if present, else the last month. */
function latestDistrictRows(rows: Row[]): Row[] {
  const rolling = rows.filter((r) => r.type_periode === "12_mois_glissants");
  if (rolling.length > 0) return rolling;
  const months = rows.filter((r) => r.type_periode === "mois").map((r) => String(r.periode));
  const last = months.sort().at(-1);
  return rows.filter((r) => r.type_periode === "mois" && r.periode === last);
}

/** Column that marks every row of a preview table (never present in the public release). */
export const PREVIEW_COLUMN = "statut_publication";

/** A preview table: every row carries `statut_publication` = "projet — non publié", declared in its Table Schema. */
function markPreview(table: PublishedTable, rows: Row[]): { schema: TableSchema; rows: Row[]; columns: string[] } {
  const base = tableSchemaOf(table);
  const schema: TableSchema = {
    ...base,
    fields: [
      ...base.fields,
      {
        name: PREVIEW_COLUMN,
        type: "string",
        description: `Mention « ${PREVIEW_MARK} » : version de travail soumise à la décision des élus, à ne pas réutiliser.`,
        constraints: { required: true, enum: [PREVIEW_MARK] },
      },
    ],
  };
  return { schema, rows: rows.map((r) => ({ ...r, [PREVIEW_COLUMN]: PREVIEW_MARK })), columns: [...columnsOf(table), PREVIEW_COLUMN] };
}

/** Applies pseudonymisation, disclosure control (over all tables together), the publication gate and the allowlist. */
export function assembleRelease(input: AssembleInput): Assembled {
  const key = requireKey(input.key);
  const present = PUBLISHED_TABLES.filter((t) => input.tables[t.name] !== undefined);
  const raw: Record<string, Row[]> = {};
  for (const t of present) {
    const rows = input.tables[t.name] ?? [];
    raw[t.name] = t.kind === "list" ? pseudonymiseWorks(rows, key, input.policy.h3.resolution_travaux) : rows;
  }
  const specs = Object.fromEntries(present.flatMap((t) => (t.disclosure ? [[t.name, t.disclosure]] : [])));
  const { tables: fresh, report } = applyDisclosureControl(raw, specs, {
    k: input.policy.k,
    dominanceShare: input.policy.dominance.part_max_declarant,
  });
  for (const t of present) {
    const rows = fresh[t.name] ?? raw[t.name] ?? [];
    fresh[t.name] = withStatuses(t, t.disclosure ? rows : rows.map((row) => ({ ...row, secret_statistique: false })));
  }
  const { tables: controlled, frozen } = freezeClosedPeriods(fresh, input.previous ?? {}, input.corrections);
  const approved = new Set(input.registry.indicateurs.filter((i) => i.decision === "approved").map((i) => i.table));
  const selected = present.filter((t) => input.preview || approved.has(t.name));
  const textFiles = new Map<string, string>();
  const tables: AssembledTable[] = [];
  const summary: TableSummary[] = [];
  for (const table of selected) {
    const columns = columnsOf(table);
    const rows = (controlled[table.name] ?? raw[table.name] ?? []).map((row) => projectRow(row, columns, table.name));
    if (table.kind === "aggregate") rows.sort(byKey(table.primaryKey));
    for (const [index, row] of rows.entries()) validateRow(table, row, index);
    assertCounts(table, rows, input.policy.k);
    if (table.kind === "aggregate") {
      const long = findLongString(rows, input.policy.longueur_max_texte, table.name);
      if (long) throw new Error(`texte trop long : ${long}`);
    }
    const {
      schema,
      rows: out,
      columns: outColumns,
    } = input.preview ? markPreview(table, rows) : { schema: tableSchemaOf(table), rows, columns };
    const geo = (collection: object) => json(input.preview ? { ...collection, statut_publication: PREVIEW_MARK } : collection);
    tables.push({ table, schema, rows: out });
    textFiles.set(`data/${table.name}.csv`, toCsv(out, outColumns));
    textFiles.set(`excel/${table.name}.csv`, toExcelCsv(out, outColumns));
    textFiles.set(`schemas/${table.name}.schema.json`, json(schema));
    if (table.h3Column) {
      const base = table.kind === "list" ? input.policy.h3.resolution_travaux : input.policy.h3.resolution_agregats;
      textFiles.set(`data/${table.name}.geojson`, geo(h3Collection(rows, table.h3Column, base)));
    }
    if (table.name === "delais_par_quartier")
      textFiles.set("data/quartiers.geojson", geo(districtCollection(input.districts, latestDistrictRows(rows))));
    const r = report[table.name] ?? { lignes: rows.length, cellules: 0, primaire: 0, dominance: 0, secondaire: 0 };
    const hidden = r.primaire + r.dominance + r.secondaire;
    summary.push({
      table: table.name,
      ...r,
      part_masquee: r.cellules === 0 ? 0 : Math.round((hidden / r.cellules) * 1000) / 1000,
      periodes_figees: frozen[table.name] ?? 0,
    });
  }
  return { tables, textFiles, summary };
}
