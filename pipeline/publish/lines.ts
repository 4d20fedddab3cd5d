import type { DisclosureSpec } from "../../schemas/published/tables.ts";

/** A value of a published row. */
export type Value = string | number | boolean | null;
/** A row as plain object, column name → value. */
export type Row = Record<string, Value>;

/** One count cell: table, row index, column. */
export interface CellRef {
  table: string;
  row: number;
  column: string;
}

/** An additive line: `total` (when published in the same table) = sum of `details`; `key` names the margin across tables. */
export interface Line {
  key: string;
  details: CellRef[];
  total?: CellRef;
}

/** Stable string id of a cell. */
export const cellId = (cell: CellRef): string => `${cell.table}\u0000${cell.row}\u0000${cell.column}`;

const render = (value: Value): string => (value === null ? "" : String(value));

/** Builds every additive line of one aggregate table: one per dimension with margins, per count, plus row relations. */
export function linesOf(table: string, rows: Row[], spec: DisclosureSpec): Line[] {
  const lines: Line[] = [];
  for (const dim of spec.dimensions) {
    if (dim.total === undefined && !dim.partition) continue;
    const others = spec.dimensions.filter((d) => d.name !== dim.name);
    const groups = new Map<string, { details: number[]; total?: number; keyParts: string[] }>();
    rows.forEach((row, index) => {
      const groupKey = others.map((d) => render(row[d.name] ?? null)).join("\u0001");
      let group = groups.get(groupKey);
      if (!group) {
        const keyParts = others
          .filter((d) => !d.implied && (d.total === undefined || row[d.name] !== d.total))
          .map((d) => `${d.alias ?? d.name}=${render(row[d.name] ?? null)}`)
          .sort();
        group = { details: [], keyParts };
        groups.set(groupKey, group);
      }
      if (dim.total !== undefined && row[dim.name] === dim.total) group.total = index;
      else group.details.push(index);
    });
    for (const group of groups.values()) {
      if (group.details.length === 0) continue;
      for (const column of spec.counts) {
        const measure = spec.measures[column] ?? `${table}.${column}`;
        const { total } = group;
        lines.push({
          key: [measure, ...group.keyParts].join("|"),
          details: group.details.map((row) => ({ table, row, column })),
          ...(total === undefined ? {} : { total: { table, row: total, column } }),
        });
      }
    }
  }
  rows.forEach((_, row) => {
    for (const relation of spec.rowRelations) {
      lines.push({
        key: `ligne|${table}|${row}|${relation.total}`,
        details: relation.parts.map((column) => ({ table, row, column })),
        total: { table, row, column: relation.total },
      });
    }
  });
  return lines;
}
