/** Registration of `run` (the work is in run.ts, imported when it runs). */
import { lazyAction, type RegisterCommand } from "./index.ts";

/** Registers `run`. */
export const registerRun: RegisterCommand = (program) => {
  program
    .command("run")
    .description("Extraire le magasin de collecte vers l'entrepôt et calculer les indicateurs (volumes, délais, engagement 15 jours)")
    .option("--store <fichier>", "magasin de collecte SQLite", "data/intake.sqlite")
    .option("--warehouse <fichier>", "entrepôt DuckDB", "data/warehouse.duckdb")
    .option("--snapshot <instant>", "instant d'observation ISO 8601 (défaut : maintenant), pour une exécution reproductible")
    .option("--full", "tout reconstruire au lieu d'extraire seulement les nouvelles lignes")
    .option("--sla <mode>", "décompte des 15 jours : calendar (jours calendaires) ou working (jours ouvrés, Alsace-Moselle)", "calendar")
    .option(
      "--memory-limit <taille>",
      "mémoire maximale de DuckDB, ex. 4GB ou 512MB (défaut : SIGNALEMENTS_MEMORY_LIMIT, sinon 4GB) ; au-delà, débordement sur disque à côté de l'entrepôt",
    )
    .action(
      lazyAction(
        () => import("./run.ts"),
        (m, raw: unknown) => m.runAction(raw),
      ),
    );
};
