/** Builds the static dashboard: vendor the npm cache, clear stale loader output, run Framework, fix and check dist/. */
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { CliError, EXIT } from "../errors.ts";
import { PROJECT_ROOT } from "../reference.ts";
import { DEFAULT_DIST_DIR, DEFAULT_PREVIEW_DIST_DIR, DEFAULT_PREVIEW_RELEASE_DIR, DEFAULT_RELEASE_DIR } from "../root.ts";
import { findExternalReferences, fixPageChrome, markPreview, setHtmlLang } from "./postbuild.ts";
import { loaderReleaseFile, notPublishedPage, pageAttachments, pageTitle } from "./unpublished.ts";
import { vendorNpmCache } from "./vendor.ts";

/** Framework's source root. */
export const DASHBOARD_ROOT = path.join(PROJECT_ROOT, "dashboard");
export { DEFAULT_DIST_DIR, DEFAULT_PREVIEW_DIST_DIR, DEFAULT_PREVIEW_RELEASE_DIR, DEFAULT_RELEASE_DIR };

/** Options of a dashboard build. */
export interface BuildDashboardOptions {
  releaseDir?: string;
  outputDir?: string;
  /** Run Framework in a network namespace with no interface (`unshare -n`): proves the build needs no network. */
  withoutNetwork?: boolean;
  /** A preview build for officials: every page carries the "Projet — non publié" banner. */
  preview?: boolean;
  log?: (line: string) => void;
}

/** What a build produced. */
export interface BuildDashboardResult {
  outputDir: string;
  pages: string[];
  bytes: number;
  durationMs: number;
  /** Pages replaced by "Cet indicateur n'est pas publié." because the release does not hold their data. */
  unpublished: string[];
}

const KEPT_CACHE_ENTRIES = new Set(["_npm", "_node", "_observablehq", "_jsr", "build.lock"]);

/** Removes cached loader output (Framework reuses it even when the release changed). */
export function clearLoaderCache(root = DASHBOARD_ROOT): void {
  const cache = path.join(root, ".observablehq", "cache");
  if (!existsSync(cache)) return;
  for (const entry of readdirSync(cache)) {
    if (!KEPT_CACHE_ENTRIES.has(entry)) rmSync(path.join(cache, entry), { recursive: true, force: true });
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** Sets `<html lang="fr">` and fixes the chrome of every page (and marks a preview), and fails if any built file would fetch from outside the site. */
export function finishDist(outputDir: string, preview = false): { pages: string[]; bytes: number } {
  const files = listFiles(outputDir);
  const problems: string[] = [];
  const pages: string[] = [];
  let bytes = 0;
  for (const file of files) {
    bytes += statSync(file).size;
    const ext = path.extname(file);
    const kind = ext === ".html" ? "html" : ext === ".js" ? "js" : ext === ".css" ? "css" : undefined;
    if (!kind) continue;
    let text = readFileSync(file, "utf8");
    if (kind === "html") {
      text = fixPageChrome(setHtmlLang(text, "fr"));
      if (preview) text = markPreview(text);
      writeFileSync(file, text);
      pages.push(path.relative(outputDir, file));
    }
    for (const url of findExternalReferences(text, kind)) problems.push(`${path.relative(outputDir, file)} : ${url}`);
  }
  if (problems.length > 0) {
    throw new CliError(
      `Le tableau de bord construit référence des ressources externes :\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      EXIT.checks,
      "Le site doit fonctionner sans réseau : vendorisez la dépendance (pipeline/dashboard/vendor.ts) au lieu d'un CDN.",
    );
  }
  return { pages: pages.sort(), bytes };
}

function runFramework(args: string[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(args[0] as string, args.slice(1), { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) return resolve();
      log(output.trim());
      reject(new CliError(`La construction du tableau de bord a échoué (code ${code}).`, EXIT.failure, "Voir le journal ci-dessus."));
    });
  });
}

/** Runs `work` while holding a lock on Framework's cache: two builds at once would wipe each other's npm cache. */
async function withBuildLock<T>(work: () => Promise<T>, timeoutMs = 180_000): Promise<T> {
  const lock = path.join(DASHBOARD_ROOT, ".observablehq", "cache", "build.lock");
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = existsSync(lock) ? Date.now() - statSync(lock).mtimeMs : 0;
      if (age > timeoutMs)
        rmSync(lock, { recursive: true, force: true }); // left by a killed build
      else if (Date.now() > deadline) throw new CliError("Une autre construction du tableau de bord est en cours.", EXIT.failure);
      else await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Pages (file names) of the dashboard root that read a release file absent from `releaseDir`. */
export function unpublishedPages(releaseDir: string, root = DASHBOARD_ROOT): string[] {
  return readdirSync(root)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .filter((page) =>
      pageAttachments(readFileSync(path.join(root, page), "utf8")).some((attachment) => {
        const loader = path.join(root, `${attachment}.ts`);
        const file = existsSync(loader) ? loaderReleaseFile(readFileSync(loader, "utf8")) : undefined;
        return file !== undefined && !existsSync(path.join(releaseDir, file));
      }),
    );
}

/**
 * A copy of the dashboard root beside it (same depth, so loaders' relative imports hold) where each page
 * whose data is not in the release is replaced by a notice; shares the vendored npm cache.
 */
function stageRoot(pages: string[]): string {
  const staging = path.join(PROJECT_ROOT, `.tmp-dashboard-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  cpSync(DASHBOARD_ROOT, staging, { recursive: true, filter: (src) => path.basename(src) !== ".observablehq" });
  mkdirSync(path.join(staging, ".observablehq", "cache"), { recursive: true });
  symlinkSync(path.join(DASHBOARD_ROOT, ".observablehq", "cache", "_npm"), path.join(staging, ".observablehq", "cache", "_npm"));
  for (const page of pages) {
    const title = pageTitle(readFileSync(path.join(DASHBOARD_ROOT, page), "utf8")) ?? "Indicateur";
    writeFileSync(path.join(staging, page), notPublishedPage(title));
  }
  return staging;
}

/** Builds the dashboard from a release into a static folder; offline by construction. */
export async function buildDashboard(options: BuildDashboardOptions = {}): Promise<BuildDashboardResult> {
  return withBuildLock(() => buildUnlocked(options));
}

async function buildUnlocked(options: BuildDashboardOptions): Promise<BuildDashboardResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const given = path.resolve(options.releaseDir ?? DEFAULT_RELEASE_DIR);
  if (!existsSync(path.join(given, "data"))) {
    throw new CliError(`Publication introuvable : ${given}`, EXIT.data, "Construisez d'abord la publication (signalements demo).");
  }
  // Read one release throughout, even if exports/public is swapped to a newer one during the build.
  const releaseDir = realpathSync(given);
  const outputDir = path.resolve(options.outputDir ?? DEFAULT_DIST_DIR);
  const vendored = await vendorNpmCache(DASHBOARD_ROOT);
  log(`Bibliothèques embarquées : ${vendored.bundled.length} paquets (aucun CDN).`);
  clearLoaderCache();
  rmSync(outputDir, { recursive: true, force: true });
  const bin = path.join(PROJECT_ROOT, "node_modules", ".bin");
  const unpublished = unpublishedPages(releaseDir);
  if (unpublished.length > 0)
    log(`Pages sans indicateur publié : ${unpublished.join(", ")} (remplacées par « Cet indicateur n'est pas publié. »).`);
  const root = unpublished.length > 0 ? stageRoot(unpublished) : undefined;
  const env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    SIGNALEMENTS_RELEASE_DIR: releaseDir,
    SIGNALEMENTS_DASHBOARD_OUTPUT: outputDir,
    ...(root ? { SIGNALEMENTS_DASHBOARD_ROOT: path.relative(PROJECT_ROOT, root) } : {}),
    OBSERVABLE_TELEMETRY_DISABLE: "true",
  };
  const framework = [path.join(bin, "observable"), "build"];
  if (options.withoutNetwork && spawnSync("unshare", ["-n", "true"]).status !== 0) {
    throw new CliError("Impossible d'isoler le réseau (unshare -n) sur cette machine.", EXIT.failure);
  }
  log("Construction du tableau de bord…");
  try {
    await runFramework(options.withoutNetwork ? ["unshare", "-n", ...framework] : framework, env, log);
  } finally {
    if (root) rmSync(root, { recursive: true, force: true });
  }
  const { pages, bytes } = finishDist(outputDir, options.preview ?? false);
  // Downloads link to the release itself, shipped beside the site: the files people get are the published ones.
  cpSync(releaseDir, path.join(outputDir, "publication"), { recursive: true });
  return { outputDir, pages, bytes, durationMs: Date.now() - started, unpublished };
}
