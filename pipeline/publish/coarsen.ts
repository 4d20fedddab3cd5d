import type { Row, Value } from "./rows.ts";

/** `2026-03` → `2026-T1`. */
export function monthToQuarter(month: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new Error(`mois invalide : attendu AAAA-MM`);
  return `${match[1]}-T${Math.ceil(Number(match[2]) / 3)}`;
}

/** Replaces a column's values with a coarser code (category → group, cell → parent, month → quarter). */
export function recode(rows: Row[], column: string, map: (value: Value) => Value): Row[] {
  return rows.map((row) => ({ ...row, [column]: map(row[column] ?? null) }));
}

/**
 * Re-aggregates rows on `keys`, summing `sums` and keeping the maximum of `maxima`
 * (e.g. the dominant reporter's share after merging cells; an upper bound, so it stays safe).
 */
export function rollup(rows: Row[], keys: string[], sums: string[], maxima: string[] = []): Row[] {
  const groups = new Map<string, Row>();
  for (const row of rows) {
    const id = JSON.stringify(keys.map((k) => row[k] ?? null));
    const acc = groups.get(id);
    if (!acc) {
      groups.set(id, Object.fromEntries([...keys, ...sums, ...maxima].map((c) => [c, row[c] ?? null])));
      continue;
    }
    for (const c of sums) acc[c] = Number(acc[c] ?? 0) + Number(row[c] ?? 0);
    for (const c of maxima) acc[c] = Math.max(Number(acc[c] ?? 0), Number(row[c] ?? 0));
  }
  return [...groups.values()];
}
