/** Registration of `rejects` (the work is in rejects.ts, imported when it runs). */
import { INGEST_SOURCES } from "../intake/records.ts";
import { DEFAULT_STORE } from "../root.ts";
import { lazyAction, type RegisterCommand } from "./index.ts";

/** Registers `rejects`. */
export const registerRejects: RegisterCommand = (program) => {
  program
    .command("rejects")
    .description("Lister les rejets de chargement (sans les lignes brutes) et les exporter pour correction")
    .option("--store <fichier>", "base de réception SQLite", DEFAULT_STORE)
    .option("--source <source>", `ne garder qu'une source : ${INGEST_SOURCES.join(" | ")}`)
    .option("--out <fichier.csv>", "exporter les rejets avec leurs lignes brutes (données personnelles)")
    .option("--limit <n>", "nombre de rejets affichés", "50")
    .action(
      lazyAction(
        () => import("./rejects.ts"),
        (m, opts: Record<string, unknown>) => m.runRejects(opts),
      ),
    );
};
