/** Registration of `serve` (the work is in serve.ts, imported when it runs). */
import { DEFAULT_STORE } from "../root.ts";
import { lazyAction, type RegisterCommand } from "./index.ts";

/** Registers `serve`. */
export const registerServe: RegisterCommand = (program) => {
  program
    .command("serve")
    .description("Service de réception : API Open311, API des agents, suivi des habitants et tableau de bord")
    .option("--store <fichier>", "base de réception SQLite", DEFAULT_STORE)
    .option("--host <adresse>", "adresse d'écoute", "127.0.0.1")
    .option("--port <port>", "port d'écoute (0 : port libre)", "3000")
    .option("--dist <dossier>", "tableau de bord construit, servi à la racine")
    .option("--preview <dossier>", "tableau de bord d'aperçu, servi sous /apercu/")
    .option("--public-url <url>", "adresse publique pour les liens de suivi (défaut : http://localhost:<port>)")
    .option("--anonymous-limit <n>", "dépôts anonymes par minute et par adresse", "20")
    .option("--keyed-limit <n>", "appels par minute et par clé d'API", "120000")
    .option("--followup-limit <n>", "consultations du suivi par minute et par adresse", "60")
    .option("--stats", "affiche CPU et lots de validation sur SIGUSR2 et à l'arrêt (diagnostic)")
    .action(
      lazyAction(
        () => import("./serve.ts"),
        (m, raw: Record<string, unknown>) => m.serveAction(raw),
      ),
    );
};
