/**
 * Frozen closed periods: a month, quarter or year once published is re-emitted exactly as it was
 * (DESIGN "Metric definitions": periods), unless a correction is approved. Rows of the previous
 * release replace the newly computed rows of the same table and period.
 */

import { parseRfc4180 } from "./rfc4180.ts";
import type { Row, Value } from "./rows.ts";
import type { TableSchemaField } from "./tableSchema.ts";

/** Period kinds that close and freeze; rolling windows and snapshots move with every release. */
const FREEZING_KINDS = new Set(["mois", "trimestre", "annee"]);

/** The frozen period a row belongs to (`mois:2026-03`, `trimestre:2026-T1`…), or null when it never freezes. */
export function frozenPeriodOf(row: Row): string | null {
  if (typeof row.type_periode === "string" && typeof row.periode === "string") {
    return FREEZING_KINDS.has(row.type_periode) ? `${row.type_periode}:${row.periode}` : null;
  }
  if (typeof row.mois === "string") return `mois:${row.mois}`;
  return null;
}

/** An approved correction: this table's period is recomputed instead of frozen. */
export interface Correction {
  table: string;
  periode: string;
}

/**
 * Replaces, table by table, the rows of every period already published in `previous` by the
 * published rows; returns the tables and the number of frozen periods per table.
 */
export function freezeClosedPeriods(
  tables: Record<string, Row[]>,
  previous: Record<string, Row[]>,
  corrections: readonly Correction[] = [],
): { tables: Record<string, Row[]>; frozen: Record<string, number> } {
  const out: Record<string, Row[]> = {};
  const frozen: Record<string, number> = {};
  for (const [name, rows] of Object.entries(tables)) {
    const corrected = new Set(corrections.filter((c) => c.table === name).map((c) => c.periode));
    const old = new Map<string, Row[]>();
    for (const row of previous[name] ?? []) {
      const period = frozenPeriodOf(row);
      if (period === null || corrected.has(period.slice(period.indexOf(":") + 1))) continue;
      old.set(period, [...(old.get(period) ?? []), row]);
    }
    const kept = rows.filter((row) => {
      const period = frozenPeriodOf(row);
      return period === null || !old.has(period);
    });
    out[name] = [...kept, ...[...old.values()].flat()];
    frozen[name] = old.size;
  }
  return { tables: out, frozen };
}

/** Parses one canonical CSV cell back to its typed value, following its Table Schema field. */
export function parseCell(text: string, field: TableSchemaField): Value {
  if (text === "") return null;
  switch (field.type) {
    case "integer":
    case "number":
      return Number(text);
    case "boolean":
      return text === "true";
    default:
      return text;
  }
}

/** Reads a canonical CSV of a previous release into typed rows. */
export function readReleaseCsv(text: string, fields: readonly TableSchemaField[]): Row[] {
  const [header, ...records] = parseRfc4180(text);
  const byName = new Map(fields.map((f) => [f.name, f]));
  return records.map((cells) => {
    const row: Row = {};
    (header ?? []).forEach((name, i) => {
      const field = byName.get(name);
      row[name] = field ? parseCell(cells[i] ?? "", field) : (cells[i] ?? "");
    });
    return row;
  });
}
