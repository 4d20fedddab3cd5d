/**
 * The data contract's version (semver) of a public release, compared with the current one: a table or a
 * column removed → major; added → minor; data only → patch; nothing changed → same version.
 * Changelog lines count tables rather than name them: a withdrawn indicator is named in no public file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ChangelogEntry } from "../publish/lisezmoi.ts";

/** What a release publishes: columns per table and a hash per data file. */
export interface ReleaseState {
  version: string;
  /** Table name → its column names, in order. */
  contract: Record<string, string[]>;
  /** Data file path → sha256. */
  data: Record<string, string>;
  changelog: ChangelogEntry[];
}

/** The next version and its changelog, given the current public release (undefined for the first one). */
export function nextRelease(
  previous: ReleaseState | undefined,
  current: Pick<ReleaseState, "contract" | "data">,
  first: { version: string; changelog: ChangelogEntry[] },
  date: string,
): { version: string; changelog: ChangelogEntry[]; bump: "premiere" | "majeure" | "mineure" | "corrective" | "aucune" } {
  if (!previous) return { ...first, bump: "premiere" };
  const before = previous.contract;
  const after = current.contract;
  const removedTables = Object.keys(before).filter((t) => !(t in after)).length;
  const addedTables = Object.keys(after).filter((t) => !(t in before)).length;
  let removedColumns = 0;
  let addedColumns = 0;
  for (const [table, columns] of Object.entries(after)) {
    const old = before[table];
    if (!old) continue;
    removedColumns += old.filter((c) => !columns.includes(c)).length;
    addedColumns += columns.filter((c) => !old.includes(c)).length;
  }
  const keys = new Set([...Object.keys(previous.data), ...Object.keys(current.data)]);
  const dataChanged = [...keys].some((k) => previous.data[k] !== current.data[k]);
  const [major, minor, patch] = previous.version.split(".").map(Number) as [number, number, number];
  const changes: string[] = [];
  const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
  if (removedTables > 0) changes.push(`${plural(removedTables, "indicateur retiré", "indicateurs retirés")} de la publication.`);
  if (removedColumns > 0) changes.push(`${plural(removedColumns, "colonne retirée", "colonnes retirées")}.`);
  if (addedTables > 0) changes.push(`${plural(addedTables, "indicateur ajouté", "indicateurs ajoutés")} après décision des élus.`);
  if (addedColumns > 0) changes.push(`${plural(addedColumns, "colonne ajoutée", "colonnes ajoutées")}.`);
  let version: string;
  let bump: "majeure" | "mineure" | "corrective" | "aucune";
  if (removedTables + removedColumns > 0) [version, bump] = [`${major + 1}.0.0`, "majeure"];
  else if (addedTables + addedColumns > 0) [version, bump] = [`${major}.${minor + 1}.0`, "mineure"];
  else if (dataChanged) [version, bump] = [`${major}.${minor}.${patch + 1}`, "corrective"];
  else return { version: previous.version, changelog: previous.changelog, bump: "aucune" };
  if (dataChanged) changes.push(`Données mises à jour au ${date}.`);
  return { version, changelog: [{ version, date, changes }, ...previous.changelog], bump };
}

/** Parses CHANGELOG.md as written by the release (`## version — date`, then `- change` lines). */
export function parseChangelogMarkdown(markdown: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^##\s+(\S+)\s+—\s+(\S+)/.exec(line);
    if (heading) entries.push({ version: heading[1] as string, date: heading[2] as string, changes: [] });
    else if (line.startsWith("- ") && entries.length > 0) entries.at(-1)?.changes.push(line.slice(2).trim());
  }
  return entries;
}

/** The state of the release at `dir` (following its link), or undefined when there is none yet. */
export function readReleaseState(dir: string): ReleaseState | undefined {
  const pkgFile = path.join(dir, "datapackage.json");
  if (!existsSync(pkgFile)) return undefined;
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as { version: string; resources: { path: string; hash: string }[] };
  const schemas = path.join(dir, "schemas");
  const contract: Record<string, string[]> = {};
  for (const file of existsSync(schemas) ? readdirSync(schemas).sort() : []) {
    const fields = (JSON.parse(readFileSync(path.join(schemas, file), "utf8")) as { fields: { name: string }[] }).fields;
    contract[file.replace(/\.schema\.json$/, "")] = fields.map((f) => f.name).filter((n) => n !== "statut_publication");
  }
  const data = Object.fromEntries(
    pkg.resources
      .filter((r) => r.path.startsWith("data/") && !r.path.endsWith(".parquet"))
      .map((r) => [r.path, r.hash.replace(/^sha256:/, "")]),
  );
  const changelogFile = path.join(dir, "CHANGELOG.md");
  const changelog = existsSync(changelogFile) ? parseChangelogMarkdown(readFileSync(changelogFile, "utf8")) : [];
  return { version: pkg.version, contract, data, changelog };
}
