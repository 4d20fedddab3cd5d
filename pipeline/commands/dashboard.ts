/** `signalements dashboard build|serve`: the public dashboard, built offline from the release. */
import { z } from "zod";
import { buildDashboard, DEFAULT_DIST_DIR, DEFAULT_RELEASE_DIR } from "../dashboard/build.ts";
import { serveDashboard } from "../dashboard/serve.ts";
import { parseOptions } from "../errors.ts";
import type { RegisterCommand } from "./index.ts";

const buildOptionsSchema = z.object({
  publication: z.string().min(1).default(DEFAULT_RELEASE_DIR),
  sortie: z.string().min(1).default(DEFAULT_DIST_DIR),
  sansReseau: z.boolean().default(false),
});

const serveOptionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  dossier: z.string().min(1).default(DEFAULT_DIST_DIR),
});

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Registers `dashboard build` and `dashboard serve`. */
export const registerDashboard: RegisterCommand = (program) => {
  const dashboard = program.command("dashboard").description("tableau de bord public (site statique construit sans réseau)");
  dashboard
    .command("build")
    .description("construire le site statique à partir de la publication (données ouvertes)")
    .option("--publication <dossier>", "dossier de la publication lue par le tableau de bord", DEFAULT_RELEASE_DIR)
    .option("--sortie <dossier>", "dossier du site construit", DEFAULT_DIST_DIR)
    .option("--sans-reseau", "construire dans un espace réseau isolé (unshare -n) pour prouver l'absence d'accès réseau")
    .action(async (raw: unknown) => {
      const options = parseOptions(buildOptionsSchema, raw);
      const result = await buildDashboard({
        releaseDir: options.publication,
        outputDir: options.sortie,
        withoutNetwork: options.sansReseau,
        log: say,
      });
      const size = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(result.bytes / 1e6);
      const seconds = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(result.durationMs / 1000);
      say(`Tableau de bord construit : ${result.pages.length} page(s), ${size} Mo, en ${seconds} s → ${result.outputDir}`);
    });
  dashboard
    .command("serve")
    .description("servir le site construit sur 127.0.0.1")
    .option("--port <port>", "port d'écoute", "3000")
    .option("--dossier <dossier>", "dossier du site construit", DEFAULT_DIST_DIR)
    .action(async (raw: unknown) => {
      const options = parseOptions(serveOptionsSchema, raw);
      const server = await serveDashboard({ port: options.port, dir: options.dossier });
      say(`Tableau de bord disponible sur ${server.url} (Ctrl+C pour arrêter)`);
    });
};
