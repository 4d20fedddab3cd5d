import type { DisclosureSpec } from "../../schemas/published/tables.ts";
import { type CellRef, cellId, type Line, linesOf, type Row } from "./lines.ts";

/** Why a cell was suppressed. */
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
  statistiques_masquees: number;
}

/** Internal column carrying the largest share of one reporter in a cell; never published. */
export const DOMINANCE_COLUMN = "part_max_declarant";

type Suppressed = Map<string, SuppressionReason>;

function countOf(rows: Record<string, Row[]>, cell: CellRef): number {
  const value = rows[cell.table]?.[cell.row]?.[cell.column];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new Error(`compte invalide dans ${cell.table}.${cell.column} (ligne ${cell.row + 1}) : entier positif attendu`);
  }
  return value;
}

function primary(table: string, rows: Row[], spec: DisclosureSpec, policy: DisclosurePolicy, out: Suppressed): void {
  rows.forEach((row, index) => {
    const share = row[DOMINANCE_COLUMN];
    const dominated = typeof share === "number" && share > policy.dominanceShare;
    for (const column of spec.counts) {
      const cell = { table, row: index, column };
      const value = countOf({ [table]: rows }, cell);
      if (value === 0) continue;
      if (value < policy.k) out.set(cellId(cell), "primaire");
      else if (dominated) out.set(cellId(cell), "dominance");
    }
  });
}

/** True when the line lets a reader compute its total: total published, or every detail published. */
function reveals(line: Line, s: Suppressed): boolean {
  if (line.total && !s.has(cellId(line.total))) return true;
  return line.details.every((c) => !s.has(cellId(c)));
}

/** Next cell to suppress in a line: smallest non-zero detail, then the total, then a zero detail. */
function candidate(line: Line, s: Suppressed, rows: Record<string, Row[]>, totalUseful: boolean): CellRef | undefined {
  const open = line.details.filter((c) => !s.has(cellId(c))).map((c) => ({ c, v: countOf(rows, c) }));
  const nonZero = open.filter((x) => x.v > 0).sort((a, b) => a.v - b.v || a.c.row - b.c.row);
  if (nonZero[0]) return nonZero[0].c;
  if (totalUseful && line.total && !s.has(cellId(line.total))) return line.total;
  return open[0]?.c;
}

/** Hides a margin everywhere it is published or derivable: suppresses its totals and opens two details in fully published lines. */
function hideMargin(key: string, lines: Line[], s: Suppressed, rows: Record<string, Row[]>): boolean {
  let changed = false;
  for (const line of lines) {
    if (line.key !== key) continue;
    if (line.total && !s.has(cellId(line.total))) {
      s.set(cellId(line.total), "secondaire");
      changed = true;
    }
    for (let i = line.details.filter((c) => s.has(cellId(c))).length; i < 2; i++) {
      const next = candidate({ key, details: line.details }, s, rows, false);
      if (!next) break;
      s.set(cellId(next), "secondaire");
      changed = true;
    }
  }
  return changed;
}

/** One pass of secondary suppression over all lines; returns whether anything changed. */
function secondaryPass(lines: Line[], s: Suppressed, rows: Record<string, Row[]>): boolean {
  const revealing = new Map<string, number>();
  for (const line of lines) if (reveals(line, s)) revealing.set(line.key, (revealing.get(line.key) ?? 0) + 1);
  let changed = false;
  for (const line of lines) {
    const suppressedDetails = line.details.filter((c) => s.has(cellId(c))).length;
    const totalSuppressed = line.total ? s.has(cellId(line.total)) : false;
    const inLine = suppressedDetails + (totalSuppressed ? 1 : 0);
    const elsewhere = (revealing.get(line.key) ?? 0) - (reveals(line, s) ? 1 : 0) > 0;
    const needs = (line.total !== undefined && inLine === 1) || (elsewhere && suppressedDetails === 1);
    if (!needs) continue;
    const next = candidate(line, s, rows, !elsewhere);
    if (next) {
      s.set(cellId(next), "secondaire");
      changed = true;
    } else {
      changed = hideMargin(line.key, lines, s, rows) || changed;
    }
  }
  return changed;
}

/** Result of disclosure control: rows with suppressed cells emptied and flagged, plus a report per table. */
export interface DisclosureResult {
  tables: Record<string, Row[]>;
  report: Record<string, TableDisclosureReport>;
}

/**
 * Applies primary, dominance and secondary suppression over all tables together (shared margins included),
 * then empties statistics whose base is below k or touches a suppressed count. Internal columns are kept;
 * projection to the published columns happens later.
 */
export function applyDisclosureControl(
  tables: Record<string, Row[]>,
  specs: Record<string, DisclosureSpec>,
  policy: DisclosurePolicy,
): DisclosureResult {
  const s: Suppressed = new Map();
  const lines: Line[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const rows = tables[name] ?? [];
    primary(name, rows, spec, policy, s);
    lines.push(...linesOf(name, rows, spec));
  }
  while (secondaryPass(lines, s, tables)) {
    // iterate to a fixed point: each pass only adds suppressions, so it terminates
  }
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
      statistiques_masquees: 0,
    };
    out[name] = rows.map((row, index) => {
      const next: Row = { ...row };
      let secret = false;
      for (const column of spec.counts) {
        const reason = s.get(cellId({ table: name, row: index, column }));
        if (!reason) continue;
        next[column] = null;
        r[reason]++;
        secret = true;
      }
      const base = next[spec.principal];
      for (const [stat, deps] of Object.entries(spec.stats)) {
        const blocked = typeof base !== "number" || base < policy.k || deps.some((d) => next[d] === null);
        if (blocked && next[stat] !== null && next[stat] !== undefined) {
          next[stat] = null;
          r.statistiques_masquees++;
          secret = true;
        }
      }
      next.secret_statistique = secret;
      return next;
    });
    report[name] = r;
  }
  return { tables: out, report };
}
