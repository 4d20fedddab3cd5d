/** `signalements run`: the statistics pipeline, from the intake store to the warehouse marts. */
import { z } from "zod";
import { parseOptions } from "../errors.ts";
import { formatSeconds, runPipeline } from "../warehouse/run.ts";
import { slaModeSchema } from "../warehouse/sla.ts";

/** A size as DuckDB reads it: a number and a unit, e.g. 4GB, 512MB, 1.5GiB. */
const MEMORY_SIZE = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Options of `run`, parsed at the boundary. */
export const runCommandOptionsSchema = z.object({
  store: z.string().min(1),
  warehouse: z.string().min(1),
  snapshot: z
    .string()
    .regex(ISO_WITH_ZONE, "instant ISO 8601 avec fuseau attendu, ex. 2026-04-01T00:00:00Z")
    .transform((s) => new Date(s))
    .optional(),
  full: z.boolean().default(false),
  sla: slaModeSchema.default("calendar"),
  memoryLimit: z
    .string()
    .trim()
    .regex(MEMORY_SIZE, "taille attendue avec une unité, ex. 4GB ou 512MB (--memory-limit ou SIGNALEMENTS_MEMORY_LIMIT)")
    .optional(),
});

/** The options with the memory limit taken from SIGNALEMENTS_MEMORY_LIMIT when `--memory-limit` is absent. */
export function withEnvironment(raw: unknown, env: NodeJS.ProcessEnv): unknown {
  const options = (raw ?? {}) as Record<string, unknown>;
  const fromEnv = env.SIGNALEMENTS_MEMORY_LIMIT;
  return options.memoryLimit === undefined && fromEnv ? { ...options, memoryLimit: fromEnv } : options;
}

/** Action of `run`. */
export async function runAction(raw: unknown, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const options = parseOptions(runCommandOptionsSchema, withEnvironment(raw, env));
  const started = performance.now();
  const summary = await runPipeline({
    store: options.store,
    warehouse: options.warehouse,
    snapshotAt: options.snapshot ?? new Date(),
    full: options.full,
    sla: options.sla,
    memoryLimit: options.memoryLimit,
  });
  process.stderr.write(
    `[run] terminé en ${formatSeconds(performance.now() - started)}${summary.rebuilt ? "" : " (aucune reconstruction nécessaire)"}\n`,
  );
}
