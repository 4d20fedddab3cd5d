import type { Row, Value } from "./rows.ts";

const CRLF = "\r\n";
/** Characters that make a spreadsheet treat a text cell as a formula (OWASP CSV injection). */
const FORMULA_TRIGGERS = /^[=+\-@\t\r]/;

/** Canonical text of a value: '' for missing, true/false, '.' decimals without exponent, UTC datetimes with Z. */
export function formatValue(value: Value | Date | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString().replace(".000Z", "Z");
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("nombre non fini refusé dans un export");
    const text = String(value);
    return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, "") : text;
  }
  return value;
}

const quote = (text: string, separator: string): string =>
  text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;

/** Canonical CSV: UTF-8 without BOM, ',', CRLF after every record, RFC 4180 quoting. */
export function toCsv(rows: Row[], columns: readonly string[]): string {
  const lines = [columns.map((c) => quote(c, ",")).join(",")];
  for (const row of rows) lines.push(columns.map((c) => quote(formatValue(row[c]), ",")).join(","));
  return lines.join(CRLF) + CRLF;
}

/** Excel cell text: decimal comma for numbers (French locale), leading apostrophe on text that could run as a formula. */
export function excelCell(value: Value | undefined): string {
  if (typeof value === "number") return formatValue(value).replace(".", ",");
  const text = formatValue(value);
  return typeof value === "string" && FORMULA_TRIGGERS.test(text) ? `'${text}` : text;
}

/** Excel twin: UTF-8 with BOM, ';', CRLF, decimal comma, formula triggers neutralised. */
export function toExcelCsv(rows: Row[], columns: readonly string[]): string {
  const lines = [columns.map((c) => quote(c, ";")).join(";")];
  for (const row of rows) lines.push(columns.map((c) => quote(excelCell(row[c]), ";")).join(";"));
  return `\uFEFF${lines.join(CRLF)}${CRLF}`;
}
