/** Registration of `generate` (the work is in generate.ts, imported when it runs). */
import { lazyAction, type RegisterCommand } from "./index.ts";

/** Registers `generate` on the program. */
export const registerGenerate: RegisterCommand = (program) => {
  program
    .command("generate")
    .description("Générer des données de démonstration synthétiques (déterministes) dans le format natif de chaque canal")
    .requiredOption("--seed <n>", "graine du générateur (mêmes options ⇒ fichiers identiques à l'octet près)")
    .option("--months <n>", "nombre de mois générés, jusqu'au mois de --end inclus", "12")
    .option("--per-month <n>", "nombre de signalements par mois complet", "70")
    .requiredOption("--out <dossier>", "dossier où écrire les fichiers")
    .option("--end <AAAA-MM-JJ>", "dernier jour généré (heure de Paris) ; par défaut aujourd'hui")
    .action(
      lazyAction(
        () => import("./generate.ts"),
        (m, raw: Record<string, unknown>) => m.generateAction(raw),
      ),
    );
};
