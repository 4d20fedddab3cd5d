import type { PublishedTable } from "../../schemas/published/tables.ts";
import type { Row } from "./rows.ts";

/**
 * Fills the table's `statut_*` columns: why each statistic is empty, or that it is published.
 * `secret_statistique` when the row was suppressed, `sans_donnees` when its base count is 0 (no report
 * in the period), `non_atteint` otherwise (the Kaplan–Meier curve has not reached 50 % or 90 %, or the
 * rate has nothing closed nor overdue yet).
 */
export function withStatuses(table: PublishedTable, rows: Row[]): Row[] {
  const statuses = Object.entries(table.statuses ?? {});
  if (statuses.length === 0) return rows;
  return rows.map((row) => {
    const next: Row = { ...row };
    for (const [column, { value, base }] of statuses) {
      const v = row[value];
      if (v !== null && v !== undefined) next[column] = "publie";
      else if (row.secret_statistique === true) next[column] = "secret_statistique";
      else if (row[base] === 0) next[column] = "sans_donnees";
      else next[column] = "non_atteint";
    }
    return next;
  });
}
