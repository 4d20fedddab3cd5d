/** `signalements health`: per source, last record time and volumes over 7 and 30 days; silent sources flagged. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CliError, EXIT, parseOptions } from "../errors.ts";
import { openStore } from "../intake/db.ts";
import { assessHealth, type HealthRow, since } from "../intake/health.ts";
import { fmt } from "../intake/summary.ts";
import { DEFAULT_STORE } from "../root.ts";

const HEALTH_SQL = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "intake", "sql", "health.sql"), "utf8");

const optionsSchema = z.object({
  store: z.string().min(1).default(DEFAULT_STORE),
  now: z.iso.datetime({ offset: true, error: "--now attend une date ISO 8601 avec fuseau" }).optional(),
});

/** Prints the health table; returns the number of silent sources. */
export function runHealth(raw: unknown, print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): number {
  const o = parseOptions(optionsSchema, raw);
  if (!existsSync(o.store))
    throw new CliError(`base de réception introuvable : ${path.basename(o.store)}`, EXIT.usage, "Lancez d'abord : signalements ingest");
  const nowMs = o.now ? Date.parse(o.now) : Date.now();
  const db = openStore(o.store, { readonly: true });
  try {
    const rows = db.prepare(HEALTH_SQL).all({ since7: since(nowMs, 7), since30: since(nowMs, 30) }) as HealthRow[];
    const health = assessHealth(rows, nowMs);
    print("source      dernier enregistrement   7 jours   30 jours   état");
    for (const h of health) {
      const state = h.silent ? "SILENCIEUX depuis plus de 7 jours" : "ok";
      print(
        `${h.source.padEnd(11)} ${(h.last_at ?? "jamais").padEnd(24)} ${fmt(h.n_7d).padStart(7)}   ${fmt(h.n_30d).padStart(8)}   ${state}`,
      );
    }
    return health.filter((h) => h.silent).length;
  } finally {
    db.close();
  }
}
