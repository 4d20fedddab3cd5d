/** What every dashboard data loader does: print one file of the release, unchanged, to stdout. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../reference.ts";

/** The release read by the loaders: `SIGNALEMENTS_RELEASE_DIR` (set by the build), else exports/public. */
export function releaseDir(): string {
  return process.env.SIGNALEMENTS_RELEASE_DIR ?? path.join(PROJECT_ROOT, "exports", "public");
}

function fail(file: string): never {
  process.stderr.write(`Publication introuvable : ${file}\nConstruisez d'abord la publication (signalements demo).\n`);
  process.exit(1);
}

/** Writes the release file `relativePath` to stdout byte for byte; exits 1 with a French message when it is missing. */
export function emitReleaseFile(relativePath: string): void {
  const file = path.join(releaseDir(), relativePath);
  try {
    process.stdout.write(readFileSync(file));
  } catch {
    fail(file);
  }
}

/** Writes every Table Schema of the release as one JSON object `{ "schemas/<table>.schema.json": schema }`. */
export function emitReleaseSchemas(): void {
  const dir = path.join(releaseDir(), "schemas");
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".schema.json"))
      .sort();
    const all = Object.fromEntries(files.map((f) => [`schemas/${f}`, JSON.parse(readFileSync(path.join(dir, f), "utf8"))]));
    process.stdout.write(`${JSON.stringify(all)}\n`);
  } catch {
    fail(dir);
  }
}
