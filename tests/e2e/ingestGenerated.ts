import { readdirSync } from "node:fs";
import path from "node:path";

/** The generator's native files of each channel, by file name. */
const CHANNEL_FILES = [
  ["web", /^web\.jsonl$/],
  ["app", /^app\.jsonl$/],
  ["phone", /^phone-.*\.csv$/],
  ["email", /\.mbox$/],
  ["backoffice", /^backoffice\.csv$/],
] as const;

/** Ingests every channel's generated files of `raw` into `store` through the CLI (`cli` runs one command). */
export function ingestGenerated(cli: (...args: string[]) => void, raw: string, store: string, now: string): void {
  const files = readdirSync(raw);
  for (const [source, pattern] of CHANNEL_FILES) {
    const paths = files.filter((f) => pattern.test(f)).map((f) => path.join(raw, f));
    cli("ingest", source, ...paths, "--store", store, "--now", now);
  }
}
