/** Pure helpers turning CSV records into rows keyed by the export's French headers. */
import type { CsvRecord } from "../io/csv.ts";
import { REASONS, type Refused, refuse } from "./records.ts";

/** Cleans header cells: BOM, surrounding spaces. */
export function cleanHeaders(fields: string[]): string[] {
  return fields.map((f) => f.replace(/^\uFEFF/, "").trim());
}

/** The first required header missing from the file, or null when all are there. */
export function missingHeader(headers: string[], required: readonly string[]): string | null {
  const present = new Set(headers);
  return required.find((h) => !present.has(h)) ?? null;
}

/** The record as an object keyed by header, or why it cannot be (truncated, wrong column count). */
export function toRow(record: CsvRecord, headers: string[]): { ok: true; row: Record<string, string> } | Refused {
  if (record.unterminated) return refuse(null, REASONS.unterminated);
  if (record.fields.length !== headers.length) return refuse(null, REASONS.columnCount(record.fields.length, headers.length));
  const row: Record<string, string> = {};
  for (let i = 0; i < headers.length; i++) row[headers[i] as string] = record.fields[i] as string;
  return { ok: true, row };
}
