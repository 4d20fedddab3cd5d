/** Registration of `ingest` (the work is in ingest.ts, imported when it runs). */
import { INGEST_SOURCES } from "../intake/records.ts";
import { DEFAULT_STORE } from "../root.ts";
import { lazyAction, type RegisterCommand } from "./index.ts";

/** Registers `ingest`. */
export const registerIngest: RegisterCommand = (program) => {
  program
    .command("ingest")
    .description("Charger des fichiers d'un canal dans la base de réception (sans doublon, rejets tracés)")
    .argument("<source>", `canal : ${INGEST_SOURCES.join(" | ")}`)
    .argument("<fichiers...>", "fichiers à charger (JSON Lines, CSV ou mbox selon le canal)")
    .option("--store <fichier>", "base de réception SQLite", DEFAULT_STORE)
    .option("--dry-run", "valider et compter sans rien écrire")
    .option("--now <date>", "date de référence ISO 8601 pour refuser les dates futures (défaut : maintenant)")
    .option("--batch-size <n>", "enregistrements par transaction", "20000")
    .option("--max-line-bytes <n>", "taille maximale d'une ligne, d'un enregistrement CSV ou d'un message (octets)", "1048576")
    .action(
      lazyAction(
        () => import("./ingest.ts"),
        (m, source: string, paths: string[], opts: Record<string, unknown>) => m.ingestAction(source, paths, opts),
      ),
    );
};
