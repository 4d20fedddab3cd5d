/** Registration of `health` (the work is in health.ts, imported when it runs). */
import { DEFAULT_STORE } from "../root.ts";
import { lazyAction, type RegisterCommand } from "./index.ts";

/** Registers `health`. */
export const registerHealth: RegisterCommand = (program) => {
  program
    .command("health")
    .description("État des canaux : dernier enregistrement et volumes sur 7 et 30 jours par source")
    .option("--store <fichier>", "base de réception SQLite", DEFAULT_STORE)
    .option("--now <date>", "date de référence ISO 8601 (défaut : maintenant)")
    .action(
      lazyAction(
        () => import("./health.ts"),
        (m, opts: Record<string, unknown>) => m.runHealth(opts),
      ),
    );
};
