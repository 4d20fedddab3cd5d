/** `signalements run`: the statistics pipeline, from the intake store to the warehouse marts. */
import { z } from "zod";
import { parseOptions } from "../errors.ts";
import { formatSeconds, runPipeline } from "../warehouse/run.ts";
import { slaModeSchema } from "../warehouse/sla.ts";

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
});

/** Action of `run`. */
export async function runAction(raw: unknown): Promise<void> {
  const options = parseOptions(runCommandOptionsSchema, raw);
  const started = performance.now();
  const summary = await runPipeline({
    store: options.store,
    warehouse: options.warehouse,
    snapshotAt: options.snapshot ?? new Date(),
    full: options.full,
    sla: options.sla,
  });
  process.stderr.write(
    `[run] terminé en ${formatSeconds(performance.now() - started)}${summary.rebuilt ? "" : " (aucune reconstruction nécessaire)"}\n`,
  );
}
