import type { DisclosureSpec } from "../../schemas/published/tables.ts";
import type { Row } from "./rows.ts";

/** Why a cell was suppressed: below k, dominated by one reporter, or a total that would give one back. */
export type SuppressionReason = "primaire" | "dominance" | "secondaire";

/** Disclosure parameters (from config/publication.json). */
export interface DisclosurePolicy {
  k: number;
  /** A cell is suppressed when one reporter's share is strictly above this. */
  dominanceShare: number;
}

/** Per-table outcome of disclosure control. */
export interface TableDisclosureReport {
  lignes: number;
  cellules: number;
  primaire: number;
  dominance: number;
  secondaire: number;
}

/** Internal column carrying the largest share of one reporter in a cell; never published. */
export const DOMINANCE_COLUMN = "part_max_declarant";

function countAt(table: string, row: Row, index: number, column: string): number {
  const value = row[column];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new Error(`compte invalide dans ${table}.${column} (ligne ${index + 1}) : entier positif attendu`);
  }
  return value;
}

/** Result of disclosure control: rows with suppressed cells emptied and flagged, plus a report per table. */
export interface DisclosureResult {
  tables: Record<string, Row[]>;
  report: Record<string, TableDisclosureReport>;
}

/**
 * Threshold and dominance rules on the tables that need them (fine geography, sensitive categories):
 * a count of 1 to k−1, or one where a single reporter weighs more than the dominance share, is emptied
 * and its row flagged. Zeros stay.
 *
 * One margin at most (the city total of the sensitive counts, per quarter): it is published only when
 * each suppressed detail keeps at least k of cover from the other suppressed details of its group
 * (their sum is then known, but no single one within k); otherwise the total is suppressed as well.
 * Beyond that no secondary suppression is needed, by construction of what is published: these tables
 * have no other margin, no other period or breakdown of the same reports, and their reports appear
 * in no other table (sensitive categories are left out of every general table; map cells partition
 * the map's reports only, which no other table counts by place finer than the district; the map's
 * residual row, which names no place, is exempt and keeps the map adding up). The audit
 * test (tests/e2e/release-audit.test.ts) checks this claim over all published tables by linear programming.
 */
export function applyDisclosureControl(
  tables: Record<string, Row[]>,
  specs: Record<string, DisclosureSpec>,
  policy: DisclosurePolicy,
): DisclosureResult {
  const out: Record<string, Row[]> = {};
  const report: Record<string, TableDisclosureReport> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const rows = tables[name] ?? [];
    const r: TableDisclosureReport = {
      lignes: rows.length,
      cellules: rows.length * spec.counts.length,
      primaire: 0,
      dominance: 0,
      secondaire: 0,
    };
    out[name] = rows.map((row, index) => {
      const next: Row = { ...row };
      if (spec.exempt && row[spec.exempt.column] === spec.exempt.value) {
        next.secret_statistique = false;
        return next;
      }
      const share = row[DOMINANCE_COLUMN];
      const dominated = typeof share === "number" && share > policy.dominanceShare;
      let secret = false;
      for (const column of spec.counts) {
        const value = countAt(name, row, index, column);
        if (value === 0) continue;
        const reason: SuppressionReason | null = value < policy.k ? "primaire" : dominated ? "dominance" : null;
        if (!reason) continue;
        next[column] = null;
        r[reason]++;
        secret = true;
      }
      next.secret_statistique = secret;
      return next;
    });
    if (spec.margin) protectMargins(out[name] as Row[], rows, spec, policy.k, r);
    report[name] = r;
  }
  return { tables: out, report };
}

/** Suppresses a total whose suppressed details would not keep k of cover from each other. */
function protectMargins(out: Row[], rows: Row[], spec: DisclosureSpec, k: number, r: TableDisclosureReport): void {
  const margin = spec.margin;
  if (!margin) return;
  const groups = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const key = JSON.stringify(margin.by.map((c) => row[c] ?? null));
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  for (const indexes of groups.values()) {
    const total = indexes.find((i) => rows[i]?.[margin.column] === margin.total);
    if (total === undefined) continue;
    const details = indexes.filter((i) => i !== total);
    for (const column of spec.counts) {
      if (out[total]?.[column] === null) continue;
      const hidden = details.filter((i) => out[i]?.[column] === null).map((i) => Number(rows[i]?.[column]));
      const cover = hidden.reduce((a, b) => a + b, 0);
      if (hidden.every((v) => cover - v >= k)) continue;
      const row = out[total] as Row;
      row[column] = null;
      row.secret_statistique = true;
      r.secondaire++;
    }
  }
}
