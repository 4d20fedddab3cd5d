/** Registration of `dashboard build|serve` (the work is in dashboard.ts, imported when it runs). */
import { DEFAULT_DIST_DIR } from "../root.ts";
import { lazyAction, type RegisterCommand } from "./index.ts";

const load = () => import("./dashboard.ts");

/** Registers `dashboard build` and `dashboard serve`. */
export const registerDashboard: RegisterCommand = (program) => {
  const dashboard = program.command("dashboard").description("tableau de bord public (site statique construit sans réseau)");
  dashboard
    .command("build")
    .description("construire le site statique à partir de la publication (données ouvertes)")
    .option("--publication <dossier>", "dossier de la publication lue (par défaut : exports/public, ou exports/preview avec --apercu)")
    .option("--sortie <dossier>", "dossier du site construit (par défaut : dist, ou dist-apercu avec --apercu)")
    .option("--apercu", "aperçu pour les élus : publication complète, chaque page marquée « Projet — non publié »")
    .option("--sans-reseau", "construire dans un espace réseau isolé (unshare -n) pour prouver l'absence d'accès réseau")
    .action(lazyAction(load, (m, raw: unknown) => m.dashboardBuildAction(raw)));
  dashboard
    .command("serve")
    .description("servir le site construit sur 127.0.0.1")
    .option("--port <port>", "port d'écoute", "3000")
    .option("--dossier <dossier>", "dossier du site construit", DEFAULT_DIST_DIR)
    .action(lazyAction(load, (m, raw: unknown) => m.dashboardServeAction(raw)));
};
