/** `signalements generate`: writes a deterministic synthetic dataset in every channel's native format. */
import path from "node:path";
import { z } from "zod";
import { parisDate } from "../core/time.ts";
import { parseOptions } from "../errors.ts";
import { writeDataset } from "../generate/writer.ts";
import { loadReference } from "../reference.ts";

const integer = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} doit être un nombre entier` })
    .int(`${name} doit être un nombre entier`)
    .min(min, `${name} doit valoir au moins ${min}`)
    .max(max, `${name} doit valoir au plus ${max}`);

/** Options of `generate`, as typed by the user. */
export const generateOptionsSchema = z.object({
  seed: integer("la graine", 0, 4_294_967_295),
  months: integer("le nombre de mois", 1, 120),
  perMonth: integer("le nombre de signalements par mois", 1, 10_000_000),
  out: z.string({ error: "dossier de sortie manquant" }).min(1, "dossier de sortie manquant"),
  end: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "date de fin attendue au format AAAA-MM-JJ")
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      "date de fin invalide",
    )
    .optional(),
});

const fmt = new Intl.NumberFormat("fr-FR");
const UNITS = { web: "demandes", app: "demandes", phone: "appels", email: "courriels", backoffice: "événements" } as const;

/** Action of `generate`: writes the dataset and prints what it wrote. */
export async function generateAction(raw: unknown): Promise<void> {
  const options = parseOptions(generateOptionsSchema, raw);
  const end = options.end ?? parisDate(Date.now());
  const started = Date.now();
  const verbose = options.perMonth * options.months >= 50_000;
  const manifest = await writeDataset(
    { seed: options.seed, months: options.months, perMonth: options.perMonth, end, outDir: options.out },
    loadReference(),
    (p) => {
      if (!verbose) return;
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(
        `  mois ${p.month} (${p.monthsDone}/${p.months}) : ${fmt.format(p.reports)} signalements, ${fmt.format(Math.round(p.reports / seconds))} par seconde\n`,
      );
    },
  );
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`Données de démonstration écrites dans ${path.normalize(options.out)} (fin le ${end}) :\n`);
  for (const f of manifest.files) {
    process.stderr.write(`  ${f.file.padEnd(22)} ${fmt.format(f.rows).padStart(12)} ${UNITS[f.source]}\n`);
  }
  process.stderr.write(`  manifest.json\nTerminé en ${seconds.toFixed(1)} s.\n`);
}
