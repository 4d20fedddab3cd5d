import type { DisclosureSpec } from "../../schemas/published/tables.ts";
import type { Row } from "./rows.ts";

/** Why a cell was suppressed. */
export type SuppressionReason = "primaire" | "dominance";

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
 * No secondary suppression is needed, by construction of what is published: these tables have no
 * margin (no total row, no other period or breakdown of the same reports), and their reports appear
 * in no other table (sensitive categories are left out of every general table; map cells partition
 * the map's reports only, which no other table counts by place finer than the district; the map's
 * residual row, which names no place, is exempt and keeps the map adding up). The audit
 * test (release.audit.test.ts) checks this claim over all published tables by linear programming.
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
    const r: TableDisclosureReport = { lignes: rows.length, cellules: rows.length * spec.counts.length, primaire: 0, dominance: 0 };
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
    report[name] = r;
  }
  return { tables: out, report };
}
