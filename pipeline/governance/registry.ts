/**
 * The indicator registry: every published table with its French title, description and definition
 * (the SQL models it is built from and its column schema), and a fingerprint of that definition.
 * Derived from schemas/published/tables.ts, so a table added there is registered (pending) at once.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { PUBLISHED_TABLES, type PublishedTable } from "../../schemas/published/tables.ts";
import { tableSchemaOf } from "../publish/tableSchema.ts";
import { SQL_DIR } from "../warehouse/models.ts";

/** One SQL model an indicator is built from. */
export interface SqlSource {
  /** Path under pipeline/sql, e.g. `marts/delais_par_service.sql`. */
  path: string;
  text: string;
}

/** A registered indicator: what officials approve or withhold. */
export interface IndicatorDefinition {
  id: string;
  title: string;
  description: string;
  sql: SqlSource[];
  /** The published column schema (Table Schema generated from the zod schema) and disclosure rules. */
  schema: unknown;
  /** sha256 of the canonical definition, hex. */
  fingerprint: string;
}

const REFERENCE = /\b(staging|core|marts)\.([a-z0-9_]+)/g;

/** Relations a SQL text reads (`marts.x` → `marts/x.sql`), in order of appearance. */
export function sqlReferences(text: string): string[] {
  return [...new Set([...text.matchAll(REFERENCE)].map((m) => `${m[1]}/${m[2]}.sql`))];
}

/** The SQL files a table depends on: its publish query, then every model it reads, transitively, sorted. */
export function sqlSources(table: string, read: (rel: string) => string | undefined): SqlSource[] {
  const start = [`publish/${table}.sql`, `marts/${table}.sql`];
  const seen = new Map<string, string>();
  const queue = [...start];
  while (queue.length > 0) {
    const rel = queue.shift() as string;
    if (seen.has(rel)) continue;
    const text = read(rel);
    if (text === undefined) continue;
    seen.set(rel, text);
    queue.push(...sqlReferences(text));
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, text]) => ({ path: p, text }));
}

/** Canonical JSON: object keys sorted at every level, so the fingerprint ignores key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** sha256 hex of a string. */
export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

/** The definition of one table, fingerprinted: SQL texts (line endings normalised) and column schema. */
export function defineIndicator(table: PublishedTable, read: (rel: string) => string | undefined): IndicatorDefinition {
  const sql = sqlSources(table.name, read).map((s) => ({ path: s.path, text: s.text.replace(/\r\n/g, "\n") }));
  const schema = { tableSchema: tableSchemaOf(table), disclosure: table.disclosure ?? null, h3Column: table.h3Column ?? null };
  const fingerprint = sha256Hex(canonicalJson({ id: table.name, sql, schema }));
  return { id: table.name, title: table.title, description: table.description, sql, schema, fingerprint };
}

/** Reads SQL files from a folder (pipeline/sql by default); undefined when absent. */
export function sqlReader(dir = SQL_DIR): (rel: string) => string | undefined {
  return (rel) => {
    const file = path.join(dir, rel);
    return existsSync(file) ? readFileSync(file, "utf8") : undefined;
  };
}

/** Every published table of the registry, in publication order. */
export function indicatorRegistry(read = sqlReader(), tables: readonly PublishedTable[] = PUBLISHED_TABLES): IndicatorDefinition[] {
  return tables.map((t) => defineIndicator(t, read));
}

/** The short form of a fingerprint printed for officials (12 hex digits). */
export const shortFingerprint = (fingerprint: string): string => fingerprint.slice(0, 12);
