/** `signalements release`: anonymised, disclosure-controlled open-data release from the warehouse marts. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { type ReleaseConfig, releaseConfigSchema } from "../../schemas/published/config.ts";
import { parisDate } from "../core/time.ts";
import { CliError, EXIT, parseOptions } from "../errors.ts";
import { nextRelease, readReleaseState } from "../governance/versioning.ts";
import { requireKey } from "../publish/anonymize.ts";
import { readReleaseTables } from "../publish/fromWarehouse.ts";
import { mapPolicyOf } from "../publish/h3map.ts";
import { buildRelease, loadPublicationConfig, type ReleaseSummary } from "../publish/release.ts";
import { loadReference, PROJECT_ROOT } from "../reference.ts";
import { openWarehouse } from "../warehouse/duckdb.ts";
import { decisionsFile } from "./publication.ts";

const optionsSchema = z.object({
  warehouse: z.string().min(1).default("data/warehouse.duckdb"),
  out: z.string().min(1).default("exports"),
  decisions: z.string().min(1).optional(),
});

/** Options of a release run. */
export type ReleaseOptions = z.infer<typeof optionsSchema>;

/** Reads and validates config/release.json (data contract version and changelog). */
export function loadReleaseConfig(root = PROJECT_ROOT): ReleaseConfig {
  const result = releaseConfigSchema.safeParse(JSON.parse(readFileSync(path.join(root, "config", "release.json"), "utf8")));
  if (!result.success) throw new CliError("config/release.json invalide", EXIT.data);
  return result.data;
}

const pct = (share: number) => `${(share * 100).toFixed(1).replace(".", ",")} %`;

/** French lines describing a release: tables, rows and suppressed cells per reason. */
export function formatReleaseSummary(summary: ReleaseSummary): string[] {
  const lines = [
    `Publication ${summary.statut === "public" ? "publique" : "d'aperçu (projet — non publié)"} ${summary.version} : ${summary.fichiers} fichiers`,
  ];
  for (const t of summary.tables) {
    lines.push(
      `  ${t.table.padEnd(22)} ${String(t.lignes).padStart(6)} lignes, ${t.cellules === 0 ? "publiée sans seuil (n'identifie personne)" : `${t.primaire + t.dominance + t.secondaire} cellules masquées sur ${t.cellules} (${pct(t.part_masquee)} : ${t.primaire} sous le seuil, ${t.dominance} dominées par un déclarant, ${t.secondaire} totaux qui en révéleraient une)`}${t.periodes_figees > 0 ? `, ${t.periodes_figees} périodes closes reprises à l'identique` : ""}`,
    );
  }
  return lines;
}

/**
 * Builds exports/preview (every indicator, marked "projet — non publié") and exports/public (approved
 * indicators only) from the warehouse, at the snapshot of its last run. Refuses without a key.
 */
export async function runRelease(
  raw: unknown,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<ReleaseSummary[]> {
  const options = parseOptions(optionsSchema, raw);
  const key = requireKey(process.env.SIGNALEMENTS_PSEUDO_KEY);
  if (!existsSync(options.warehouse)) {
    throw new CliError(`entrepôt introuvable : ${path.basename(options.warehouse)}`, EXIT.usage, "Lancez d'abord : signalements run");
  }
  const reference = loadReference();
  const { policy, registry } = await loadPublicationConfig(PROJECT_ROOT, decisionsFile(options.decisions));
  const release = loadReleaseConfig();
  const warehouse = await openWarehouse(options.warehouse);
  let tables: Awaited<ReturnType<typeof readReleaseTables>>;
  let snapshotAt: Date;
  try {
    const [params] = await warehouse.rows<{ snapshot_at: string }>(
      "select strftime(snapshot_at, '%Y-%m-%dT%H:%M:%SZ') as snapshot_at from meta.run_parameters",
    );
    if (!params) throw new CliError("l'entrepôt n'a jamais été calculé", EXIT.usage, "Lancez d'abord : signalements run");
    snapshotAt = new Date(params.snapshot_at);
    tables = await readReleaseTables(warehouse, { snapshotAt, reference, map: mapPolicyOf(policy) });
  } finally {
    warehouse.close();
  }
  const releasedAt = parisDate(snapshotAt.getTime());
  const publicDir = path.join(options.out, "public");
  const current = readReleaseState(publicDir);
  let next = { version: release.version, changelog: release.changelog };
  const common = {
    tables,
    geo: { districts: reference.districts.features },
    releasedAt,
    key,
    policy,
    registry,
    corrections: release.corrections,
  };
  // Public first: its version (semver of the data contract against the current public release) labels the preview too.
  const pub = await buildRelease({
    ...common,
    version: release.version,
    outDir: publicDir,
    preview: false,
    versioning: (state) => {
      next = nextRelease(current, state, { version: release.version, changelog: release.changelog }, releasedAt);
      return next;
    },
    target: (version) => path.join(options.out, "archives", `${version}_${releasedAt}`),
  });
  const preview = await buildRelease({
    ...common,
    version: next.version,
    changelog: next.changelog,
    outDir: path.join(options.out, "preview"),
    preview: true,
  });
  const summaries = [preview, pub];
  for (const summary of summaries) for (const line of formatReleaseSummary(summary)) log(line);
  log(
    current && current.version !== pub.version
      ? `Version ${current.version} → ${pub.version}, archivée dans ${pub.contenu}`
      : `Version ${pub.version}, archivée dans ${pub.contenu}`,
  );
  return summaries;
}
