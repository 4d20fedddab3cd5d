/** Registration of `demo` (the work is in demo.ts, imported when it runs). */
import { lazyAction, type RegisterCommand } from "./index.ts";

/** Registers `demo` on the program. */
export const registerDemo: RegisterCommand = (program) => {
  program
    .command("demo")
    .description("Tout enchaîner sur des données de démonstration : génération, ingestion, calcul, publication, tableau de bord")
    .option("--serve", "servir ensuite le tableau de bord et l'API Open311 sur http://localhost:3000")
    .option("--port <port>", "port du serveur", "3000")
    .option("--seed <n>", "graine des données de démonstration", "42")
    .option("--months <n>", "nombre de mois de démonstration", "24")
    .option("--per-month <n>", "signalements par mois", "70")
    .action(
      lazyAction(
        () => import("./demo.ts"),
        (m, raw: Record<string, unknown>) => m.runDemo(raw),
      ),
    );
};
