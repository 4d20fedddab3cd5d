/** Registration of `release` (the work is in release.ts, imported when it runs). */
import { lazyAction, type RegisterCommand } from "./index.ts";

/** Registers `release` on the program. */
export const registerRelease: RegisterCommand = (program) => {
  program
    .command("release")
    .description("Publier les données ouvertes (aperçu complet et publication des seuls indicateurs approuvés) dans exports/")
    .option("--warehouse <fichier>", "entrepôt DuckDB", "data/warehouse.duckdb")
    .option("--out <dossier>", "dossier des publications", "exports")
    .option("--decisions <fichier>", "journal des décisions (par défaut : config/decisions.jsonl ou SIGNALEMENTS_DECISIONS)")
    .addHelpText("after", "\nLa clé de pseudonymisation est lue dans la variable d'environnement SIGNALEMENTS_PSEUDO_KEY.")
    .action(
      lazyAction(
        () => import("./release.ts"),
        (m, raw: Record<string, unknown>) => m.runRelease(raw),
      ),
    );
};
