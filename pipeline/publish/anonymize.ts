import { createHmac } from "node:crypto";
import { cellToBoundary, cellToParent, latLngToCell } from "h3-js";
import { CliError, EXIT } from "../errors.ts";
import type { Row } from "./rows.ts";

/** Name of the environment variable holding the pseudonymisation key (read by the command, never here). */
export const KEY_VARIABLE = "SIGNALEMENTS_PSEUDO_KEY";

/** Refuses to go on without a key of at least 32 characters; returns it unchanged. Never echoes the key. */
export function requireKey(key: string | undefined): string {
  if (!key) {
    throw new CliError(
      `clé de pseudonymisation absente : définissez ${KEY_VARIABLE}`,
      EXIT.usage,
      "npm start crée une clé locale de démonstration (fichier ignoré par git).",
    );
  }
  if (key.length < 32)
    throw new CliError(`clé de pseudonymisation trop courte : ${KEY_VARIABLE} doit compter au moins 32 caractères`, EXIT.usage);
  return key;
}

/**
 * Public id = HMAC-SHA256(key, internal id) in lowercase hexadecimal, full 64 characters (no truncation):
 * stable across runs with the same key, unlinkable without it.
 */
export function publicId(key: string, internalId: string): string {
  return createHmac("sha256", requireKey(key)).update(internalId, "utf8").digest("hex");
}

/** H3 cell of a point at a resolution (8 for aggregates, 9 for the works queue). */
export function h3CellOf(lat: number, lon: number, resolution: number): string {
  return latLngToCell(lat, lon, resolution);
}

/** Parent of an H3 cell at a coarser resolution (coarsening before suppressing). */
export function h3Parent(cell: string, resolution: number): string {
  return cellToParent(cell, resolution);
}

/** Closed GeoJSON ring [lon, lat] of an H3 cell: a polygon, never a point. */
export function h3Polygon(cell: string): { type: "Polygon"; coordinates: [number, number][][] } {
  const ring = cellToBoundary(cell, true) as [number, number][];
  return { type: "Polygon", coordinates: [ring] };
}

/** Keeps exactly the allowlisted columns, in order; a missing allowlisted column is an error. */
export function projectRow(row: Row, columns: readonly string[], table: string): Row {
  const out: Row = {};
  for (const column of columns) {
    if (!(column in row)) throw new Error(`colonne attendue absente dans ${table} : ${column}`);
    out[column] = row[column] ?? null;
  }
  return out;
}

/** Names the first string longer than `max` characters (table, row, column), or undefined; never echoes the value. */
export function findLongString(rows: Row[], max: number, table: string): string | undefined {
  for (const [index, row] of rows.entries()) {
    for (const [column, value] of Object.entries(row)) {
      if (typeof value === "string" && [...value].length > max) return `${table}.${column} (ligne ${index + 1}) dépasse ${max} caractères`;
    }
  }
  return undefined;
}
