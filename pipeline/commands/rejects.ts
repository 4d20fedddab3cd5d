/** `signalements rejects`: lists rejects without their raw lines; exports them with raw lines for the people who fix sources. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CliError, EXIT, parseOptions } from "../errors.ts";
import { openStore } from "../intake/db.ts";
import { INGEST_SOURCES } from "../intake/records.ts";
import { fmt } from "../intake/summary.ts";
import { DEFAULT_STORE } from "../root.ts";

const REJECTS_SQL = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "intake", "sql", "rejects.sql"), "utf8");

const optionsSchema = z.object({
  store: z.string().min(1).default(DEFAULT_STORE),
  source: z.enum(INGEST_SOURCES, { error: `source attendue parmi : ${INGEST_SOURCES.join(", ")}` }).optional(),
  out: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).default(50),
});

interface RejectRow {
  source: string;
  file_name: string;
  line: number;
  field: string | null;
  reason: string;
  raw: string | null;
  started_at: string | null;
}

/** Columns of the export file, in French. */
export const REJECTS_COLUMNS = ["source", "fichier", "ligne", "champ", "motif", "date_chargement", "ligne_brute"] as const;

/** One CSV cell: quoted when it holds `;`, a quote or a line break (RFC 4180). */
export function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The export file's text: UTF-8 BOM, `;`, CRLF (opens in Excel), raw lines included. */
export function rejectsCsv(rows: RejectRow[]): string {
  const lines = [REJECTS_COLUMNS.join(";")];
  for (const r of rows) lines.push([r.source, r.file_name, r.line, r.field, r.reason, r.started_at, r.raw].map(csvCell).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Lists rejects (never the raw lines) and optionally exports them with raw lines; returns how many. */
export function runRejects(raw: unknown, print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): number {
  const o = parseOptions(optionsSchema, raw);
  if (!existsSync(o.store))
    throw new CliError(`base de réception introuvable : ${path.basename(o.store)}`, EXIT.usage, "Lancez d'abord : signalements ingest");
  const db = openStore(o.store, { readonly: true });
  try {
    const rows = db.prepare(REJECTS_SQL).all({ source: o.source ?? null }) as RejectRow[];
    print(`${fmt(rows.length)} rejet(s)${o.source ? ` pour la source ${o.source}` : ""}`);
    for (const r of rows.slice(0, o.limit)) print(`  ${r.source} ${r.file_name}:${r.line}${r.field ? ` [${r.field}]` : ""} ${r.reason}`);
    if (rows.length > o.limit) print(`  … et ${fmt(rows.length - o.limit)} autres (--limit pour en voir plus, --out pour exporter)`);
    if (o.out) {
      writeFileSync(o.out, rejectsCsv(rows));
      print(`Export écrit : ${path.basename(o.out)} (contient les lignes brutes, donc des données personnelles : ne pas diffuser)`);
    }
    return rows.length;
  } finally {
    db.close();
  }
}
