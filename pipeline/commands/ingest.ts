/** `signalements ingest <source> <path...>`: batch ingestion of channel files into the intake store. */
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { toUtcInstant } from "../core/time.ts";
import { CliError, EXIT, parseOptions } from "../errors.ts";
import { ingestContext } from "../intake/context.ts";
import { openStore } from "../intake/db.ts";
import { DryRunSink } from "../intake/dryRun.ts";
import { ingestFile } from "../intake/ingest.ts";
import { ParseThread } from "../intake/parseInWorker.ts";
import { INGEST_SOURCES } from "../intake/records.ts";
import { IntakeStore } from "../intake/store.ts";
import { fileSummary, progressLine } from "../intake/summary.ts";
import { DEFAULT_MAX_LINE_BYTES } from "../io/byteLines.ts";
import { DEFAULT_STORE } from "../root.ts";

export { DEFAULT_STORE };

/**
 * From this many bytes of files in one command on, they are read and validated on a worker thread (one for
 * all of them) while the main thread writes the store: starting the worker costs about 0.6 s (tsx and the
 * readers loaded again on its thread), more than reading a small file takes.
 */
const WORKER_MIN_BYTES = 16 * 1024 * 1024;

const optionsSchema = z.object({
  source: z.enum(INGEST_SOURCES, { error: `source attendue parmi : ${INGEST_SOURCES.join(", ")}` }),
  paths: z.array(z.string().min(1)).min(1, "au moins un fichier attendu"),
  store: z.string().min(1).default(DEFAULT_STORE),
  dryRun: z.boolean().default(false),
  now: z.iso.datetime({ offset: true, error: "--now attend une date ISO 8601 avec fuseau" }).optional(),
  batchSize: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  maxLineBytes: z.coerce
    .number({ error: "--max-line-bytes attend un nombre d'octets" })
    .int()
    .min(256, "--max-line-bytes : au moins 256 octets")
    .max(256 * 1024 * 1024, "--max-line-bytes : au plus 256 Mio")
    .default(DEFAULT_MAX_LINE_BYTES),
  /** Not a command-line option: tests set it to 0 to read small files on the worker thread too. */
  workerMinBytes: z.number().min(0).default(WORKER_MIN_BYTES),
});

/** Progress on stderr, only on a terminal, at most five times a second. */
function progress(label: string) {
  const started = Date.now();
  let last = 0;
  const tty = process.stderr.isTTY === true;
  return {
    update(c: Parameters<typeof progressLine>[1]) {
      const now = Date.now();
      if (!tty || now - last < 200) return;
      last = now;
      process.stderr.write(`\r\x1b[2K${progressLine(label, c, now - started)}`);
    },
    done() {
      if (tty) process.stderr.write("\r\x1b[2K");
    },
  };
}

/** Runs the ingestion of every path; returns the number of files refused as a whole. */
export async function runIngest(raw: unknown, print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const o = parseOptions(optionsSchema, raw);
  for (const p of o.paths) {
    if (!existsSync(p)) throw new CliError(`fichier introuvable : ${path.basename(p)}`, EXIT.usage, "Vérifiez le chemin du fichier.");
  }
  const context = ingestContext(o.now ? Date.parse(o.now) : Date.now());
  let db: Database.Database | null = null;
  if (o.dryRun) {
    if (existsSync(o.store)) db = new Database(o.store, { readonly: true, fileMustExist: true });
  } else {
    mkdirSync(path.dirname(path.resolve(o.store)), { recursive: true });
    db = openStore(o.store);
  }
  const store = !o.dryRun && db ? new IntakeStore(db) : null;
  const dry = o.dryRun ? new DryRunSink(db) : null;
  let refusedFiles = 0;
  const bytes = o.paths.reduce((sum, p) => sum + statSync(p).size, 0);
  const parser = bytes >= o.workerMinBytes ? new ParseThread() : undefined;
  try {
    for (const file of o.paths) {
      dry?.nextFile();
      const bar = progress(`${o.source} ${path.basename(file)}`);
      const result = await ingestFile({
        source: o.source,
        file,
        sink: store ?? (dry as DryRunSink),
        context,
        batchSize: o.batchSize,
        maxLineBytes: o.maxLineBytes,
        parser,
        startRun: (fileName, scan) => store?.startRun(o.source, fileName, scan.sha256, toUtcInstant(Date.now())) ?? 0,
        onProgress: (c) => bar.update(c),
      });
      bar.done();
      store?.finishRun(result.runId, result.refused ? "failed" : "done", toUtcInstant(Date.now()), result.counters);
      if (result.refused) refusedFiles++;
      for (const line of fileSummary(result.fileName, result.counters, result.refused, o.dryRun)) print(line);
    }
  } finally {
    await parser?.close();
    db?.close();
  }
  return refusedFiles;
}

/** Action of `ingest`: fails with exit code 3 when a file was refused as a whole. */
export async function ingestAction(source: string, paths: string[], opts: Record<string, unknown>): Promise<void> {
  const refused = await runIngest({ ...opts, source, paths, dryRun: opts.dryRun === true });
  if (refused > 0) {
    throw new CliError(
      `${refused} fichier(s) refusé(s) en entier`,
      EXIT.data,
      "Corrigez l'en-tête du fichier (colonnes obligatoires) puis relancez ; les rejets sont listés par : signalements rejects",
    );
  }
}
