/** `signalements dashboard build|serve`: the public dashboard, built offline from the release. */
import { z } from "zod";
import {
  buildDashboard,
  DEFAULT_DIST_DIR,
  DEFAULT_PREVIEW_DIST_DIR,
  DEFAULT_PREVIEW_RELEASE_DIR,
  DEFAULT_RELEASE_DIR,
} from "../dashboard/build.ts";
import { serveDashboard } from "../dashboard/serve.ts";
import { parseOptions } from "../errors.ts";

const buildOptionsSchema = z.object({
  publication: z.string().min(1).optional(),
  sortie: z.string().min(1).optional(),
  sansReseau: z.boolean().default(false),
  apercu: z.boolean().default(false),
});

const serveOptionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  dossier: z.string().min(1).default(DEFAULT_DIST_DIR),
});

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Action of `dashboard build`. */
export async function dashboardBuildAction(raw: unknown): Promise<void> {
  const options = parseOptions(buildOptionsSchema, raw);
  const result = await buildDashboard({
    releaseDir: options.publication ?? (options.apercu ? DEFAULT_PREVIEW_RELEASE_DIR : DEFAULT_RELEASE_DIR),
    outputDir: options.sortie ?? (options.apercu ? DEFAULT_PREVIEW_DIST_DIR : DEFAULT_DIST_DIR),
    withoutNetwork: options.sansReseau,
    preview: options.apercu,
    log: say,
  });
  const size = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(result.bytes / 1e6);
  const seconds = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(result.durationMs / 1000);
  say(`Tableau de bord construit : ${result.pages.length} page(s), ${size} Mo, en ${seconds} s → ${result.outputDir}`);
}

/** Action of `dashboard serve`. */
export async function dashboardServeAction(raw: unknown): Promise<void> {
  const options = parseOptions(serveOptionsSchema, raw);
  const server = await serveDashboard({ port: options.port, dir: options.dossier });
  say(`Tableau de bord disponible sur ${server.url} (Ctrl+C pour arrêter)`);
}
