import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  type IndicatorRegistry,
  indicatorRegistrySchema,
  type PublicationPolicy,
  publicationPolicySchema,
} from "../../schemas/published/config.ts";
import { columnsOf, PUBLISHED_TABLES } from "../../schemas/published/tables.ts";
import { DEFAULT_DECISIONS_FILE, readDecisionLog, resolveStatuses, toPublicationRegistry } from "../governance/decisions.ts";
import { indicatorRegistry } from "../governance/registry.ts";
import { PROJECT_ROOT } from "../reference.ts";
import { type AssembleInput, assembleRelease, type DistrictGeo, PREVIEW_COLUMN, type TableSummary } from "./assemble.ts";
import { dataPackage } from "./datapackage.ts";
import { dcatCatalogue } from "./dcat.ts";
import type { ReleaseFile, ReleaseMeta } from "./descriptors.ts";
import { type Correction, readReleaseCsv } from "./freeze.ts";
import { type ChangelogEntry, changelogMarkdown, lisezmoi, sha256sums } from "./lisezmoi.ts";
import { writeParquetFiles } from "./parquet.ts";
import type { Row } from "./rows.ts";
import type { TableSchemaField } from "./tableSchema.ts";

/** Options of buildRelease: rows in, a release folder out. Same inputs + same key ⇒ byte-identical folder. */
export interface BuildReleaseOptions {
  tables: Record<string, Row[]>;
  geo: { districts: DistrictGeo };
  version: string;
  /** Release date `YYYY-MM-DD` (a parameter: no clock). */
  releasedAt: string;
  key: string | undefined;
  outDir: string;
  preview: boolean;
  policy?: PublicationPolicy;
  registry?: IndicatorRegistry;
  baseUrl?: string;
  changelog?: ChangelogEntry[];
  /** Re-emit the closed periods of the release already in outDir (default true). */
  freeze?: boolean;
  /** Approved corrections: table periods recomputed instead of frozen. */
  corrections?: Correction[];
  /** Decides version and changelog from what the release publishes (columns per table, hash per data file). */
  versioning?: (current: { contract: Record<string, string[]>; data: Record<string, string> }) => {
    version: string;
    changelog: ChangelogEntry[];
  };
  /** Final folder of the release, given its version (default: a new folder beside `outDir`); `outDir` links to it. */
  target?: (version: string) => string;
}

/** What the command prints: where, which version, tables with rows and suppressed cells by reason. */
export interface ReleaseSummary {
  dossier: string;
  version: string;
  statut: "public" | "apercu";
  tables: TableSummary[];
  fichiers: number;
  /** The folder `dossier` points to. */
  contenu: string;
}

const DEFAULT_BASE_URL = "https://donnees.signalements.example.fr/";
const sha256 = (bytes: Buffer | string): string => createHash("sha256").update(bytes).digest("hex");

/**
 * Rows of the release already in `dir`, per table, for freezing its closed periods. A table whose
 * columns changed since (a new data contract) is not read: nothing of it is frozen.
 */
export async function readPreviousRelease(dir: string, tableNames: readonly string[]): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const name of tableNames) {
    const csv = path.join(dir, "data", `${name}.csv`);
    const schemaFile = path.join(dir, "schemas", `${name}.schema.json`);
    if (!existsSync(csv) || !existsSync(schemaFile)) continue;
    // A preview's marking column is not part of the data contract.
    const fields = (JSON.parse(await readFile(schemaFile, "utf8")) as { fields: TableSchemaField[] }).fields.filter(
      (f) => f.name !== PREVIEW_COLUMN,
    );
    const current = PUBLISHED_TABLES.find((t) => t.name === name);
    if (!current || fields.map((f) => f.name).join(",") !== columnsOf(current).join(",")) continue;
    out[name] = readReleaseCsv(await readFile(csv, "utf8"), fields);
  }
  return out;
}

/**
 * Loads config/publication.json and resolves every indicator's decision from the decision log (verified:
 * a tampered log throws) against the current definitions.
 */
export async function loadPublicationConfig(
  root = PROJECT_ROOT,
  decisionsFile = DEFAULT_DECISIONS_FILE,
): Promise<{ policy: PublicationPolicy; registry: IndicatorRegistry }> {
  const policy = publicationPolicySchema.parse(JSON.parse(await readFile(path.join(root, "config", "publication.json"), "utf8")));
  const statuses = resolveStatuses(indicatorRegistry(), readDecisionLog(decisionsFile));
  return { policy, registry: indicatorRegistrySchema.parse(toPublicationRegistry(statuses)) };
}

/** Folder holding the successive contents a release path points to (`exports/.public.versions`). */
export const versionsDir = (outDir: string): string => path.join(path.dirname(outDir), `.${path.basename(outDir)}.versions`);

/**
 * Restores a release left aside by a run killed while replacing an old-style folder, and removes stale
 * temporary folders and links, and contents no longer pointed to (but the current one).
 */
export async function recoverAndClean(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  await mkdir(parent, { recursive: true });
  const old = `${outDir}.old`;
  if (!existsSync(outDir) && existsSync(old)) await rename(old, outDir);
  else if (existsSync(old)) await rm(old, { recursive: true, force: true });
  for (const entry of await readdir(parent)) {
    if (entry.startsWith(`.${base}.tmp-`) || entry.startsWith(`.${base}.link-`))
      await rm(path.join(parent, entry), { recursive: true, force: true });
  }
  const versions = versionsDir(outDir);
  if (!existsSync(versions)) return;
  const current = existsSync(outDir) ? await realpath(outDir) : undefined;
  for (const entry of await readdir(versions)) {
    const full = path.join(versions, entry);
    if (full !== current) await rm(full, { recursive: true, force: true });
  }
}

/**
 * Builds into a temporary folder beside `outDir`, moves it to its final place (`target`, default a new folder
 * under `.<name>.versions/`), then points `outDir` — a symbolic link — at it with one rename over the old
 * link: readers always find a complete release at `outDir`, never a missing one; a failed or killed run
 * leaves the previous release as it was. Returns the final folder.
 */
export async function writeAtomically(outDir: string, build: (dir: string) => Promise<void>, target?: string): Promise<string> {
  await recoverAndClean(outDir);
  const parent = path.dirname(outDir);
  const tmp = path.join(parent, `.${path.basename(outDir)}.tmp-${process.pid}`);
  try {
    await mkdir(tmp, { recursive: true });
    await build(tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const previous = existsSync(outDir) ? await realpath(outDir) : undefined;
  let final = target ?? path.join(versionsDir(outDir), `${Date.now()}-${process.pid}`);
  for (let n = 2; existsSync(final); n++) final = `${target ?? final}-${n}`;
  await mkdir(path.dirname(final), { recursive: true });
  await rename(tmp, final);
  const link = path.join(parent, `.${path.basename(outDir)}.link-${process.pid}`);
  await rm(link, { force: true });
  await symlink(path.relative(parent, final), link);
  const isOldFolder = existsSync(outDir) && !(await lstat(outDir)).isSymbolicLink();
  if (isOldFolder) await rename(outDir, `${outDir}.old`); // one-time move from a plain folder to a link
  await rename(link, outDir);
  if (isOldFolder) await rm(`${outDir}.old`, { recursive: true, force: true });
  // The previous content stays one run for readers still on it; older ones under .versions go.
  const versions = versionsDir(outDir);
  if (existsSync(versions)) {
    for (const entry of await readdir(versions)) {
      const full = path.join(versions, entry);
      if (full !== final && full !== previous) await rm(full, { recursive: true, force: true });
    }
  }
  return final;
}

const MEDIA: Record<string, { format: ReleaseFile["format"]; mediatype: string; encoding?: string }> = {
  csv: { format: "csv", mediatype: "text/csv", encoding: "utf-8" },
  parquet: { format: "parquet", mediatype: "application/vnd.apache.parquet" },
  geojson: { format: "geojson", mediatype: "application/geo+json", encoding: "utf-8" },
};

/** Builds the release (public: approved indicators only; preview: everything, marked) and returns its summary. */
export async function buildRelease(options: BuildReleaseOptions): Promise<ReleaseSummary> {
  const loaded = options.policy && options.registry ? undefined : await loadPublicationConfig();
  const config = {
    policy: options.policy ?? (loaded?.policy as PublicationPolicy),
    registry: options.registry ?? (loaded?.registry as IndicatorRegistry),
  };
  const input: AssembleInput = {
    tables: options.tables,
    districts: options.geo.districts,
    key: options.key,
    preview: options.preview,
    ...config,
    previous: options.freeze === false ? {} : await readPreviousRelease(options.outDir, Object.keys(options.tables)),
    corrections: options.corrections ?? [],
  };
  const assembled = assembleRelease(input);
  const contract = Object.fromEntries(
    assembled.tables.map((t) => [t.table.name, t.schema.fields.map((f) => f.name).filter((n) => n !== PREVIEW_COLUMN)]),
  );
  const data = Object.fromEntries(
    [...assembled.textFiles].filter(([rel]) => rel.startsWith("data/")).map(([rel, text]) => [rel, sha256(text)]),
  );
  const decided = options.versioning?.({ contract, data });
  const version = decided?.version ?? options.version;
  const meta: ReleaseMeta = {
    version,
    releasedAt: options.releasedAt,
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    preview: options.preview,
    publisher: "Ville de Strasbourg (démonstration)",
    contactEmail: "donnees@signalements.example.fr",
    k: config.policy.k,
    // The public release names only approved indicators: a pending or withheld one appears in no public file.
    decisions: config.registry.indicateurs
      .filter((i) => options.preview || i.decision === "approved")
      .map((i) => ({
        table: i.table,
        definition: i.definition,
        decision: i.decision,
        decide_par: i.decide_par ?? null,
        decide_le: i.decide_le ?? null,
        deliberation: i.deliberation ?? null,
        ...(i.motif ? { motif: i.motif } : {}),
        ...(i.empreinte ? { empreinte: i.empreinte } : {}),
      })),
  };
  const changelog = decided?.changelog ?? options.changelog ?? [{ version, date: options.releasedAt, changes: ["Première publication."] }];
  let fileCount = 0;
  const content = await writeAtomically(
    options.outDir,
    async (dir) => {
      for (const sub of ["data", "excel", "schemas"]) await mkdir(path.join(dir, sub), { recursive: true });
      for (const [rel, text] of assembled.textFiles) await writeFile(path.join(dir, rel), text);
      await writeParquetFiles(
        assembled.tables.map((t) => ({
          name: t.table.name,
          file: path.join(dir, "data", `${t.table.name}.parquet`),
          fields: t.schema.fields,
          rows: t.rows,
        })),
      );
      const files: ReleaseFile[] = [];
      const describe = async (table: string, name: string, rel: string, title: string, description: string, schemaPath?: string) => {
        const bytes = await readFile(path.join(dir, rel));
        const ext = rel.slice(rel.lastIndexOf(".") + 1);
        const media = MEDIA[ext] as (typeof MEDIA)[string];
        files.push({
          name,
          table,
          title,
          description,
          path: rel,
          ...media,
          ...(schemaPath ? { schemaPath } : {}),
          bytes: bytes.length,
          sha256: sha256(bytes),
        });
      };
      for (const { table } of assembled.tables) {
        const schemaPath = `schemas/${table.name}.schema.json`;
        await describe(table.name, table.name, `data/${table.name}.csv`, `${table.title} (CSV)`, table.description, schemaPath);
        await describe(
          table.name,
          `${table.name}-parquet`,
          `data/${table.name}.parquet`,
          `${table.title} (Parquet)`,
          table.description,
          schemaPath,
        );
        await describe(
          table.name,
          `${table.name}-excel`,
          `excel/${table.name}.csv`,
          `${table.title} (CSV pour tableur)`,
          "Copie pour Excel/LibreOffice : BOM, point-virgule, virgule décimale.",
        );
        if (table.h3Column)
          await describe(table.name, `${table.name}-geojson`, `data/${table.name}.geojson`, `${table.title} (GeoJSON)`, table.description);
        if (table.name === "delais_par_quartier") {
          await describe(
            table.name,
            "quartiers-geojson",
            "data/quartiers.geojson",
            "Quartiers et derniers indicateurs (GeoJSON)",
            "Les 10 quartiers avec leurs derniers délais publiés.",
          );
        }
      }
      const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
      const descriptors = new Map<string, string>([
        ["datapackage.json", json(dataPackage(meta, files))],
        [
          "catalogue.jsonld",
          json(
            dcatCatalogue(
              meta,
              assembled.tables.map((t) => t.table),
              files,
            ),
          ),
        ],
        [
          "LISEZMOI.md",
          lisezmoi(
            meta,
            assembled.tables.map((t) => ({ ...t.table, schema: t.schema })),
            config.policy.k,
            changelog,
          ),
        ],
        ["CHANGELOG.md", changelogMarkdown(changelog, options.preview)],
      ]);
      for (const [rel, text] of descriptors) await writeFile(path.join(dir, rel), text);
      const all = [...assembled.textFiles.keys(), ...assembled.tables.map((t) => `data/${t.table.name}.parquet`), ...descriptors.keys()];
      const sums = await Promise.all(all.map(async (rel) => ({ path: rel, sha256: sha256(await readFile(path.join(dir, rel))) })));
      await writeFile(path.join(dir, "SHA256SUMS"), sha256sums(sums));
      fileCount = all.length + 1;
    },
    options.target?.(version),
  );
  await stat(options.outDir);
  return {
    dossier: path.relative(PROJECT_ROOT, options.outDir) || ".",
    contenu: path.relative(PROJECT_ROOT, content) || ".",
    version,
    statut: options.preview ? "apercu" : "public",
    tables: assembled.summary,
    fichiers: fileCount,
  };
}
