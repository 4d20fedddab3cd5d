/** Reads the release's descriptors (datapackage.json, Table Schemas, CHANGELOG.md) for the Données ouvertes page. */

/** A resource of datapackage.json (the fields the page shows). */
export interface Resource {
  name: string;
  title: string;
  path: string;
  format: string;
  bytes: number;
  schema?: string;
  licenses?: { name: string; title: string; path: string }[];
}

/** The parts of datapackage.json the dashboard reads. */
export interface DataPackage {
  title: string;
  version: string;
  created: string;
  statut_publication?: string;
  licenses: { name: string; title: string; path: string }[];
  resources: Resource[];
  secret_statistique?: { seuil_k?: number; regle?: string };
  decisions_publication?: PublicationDecision[];
}

/** The elected officials' decision on one indicator, as recorded in datapackage.json. */
export interface PublicationDecision {
  table: string;
  definition: string;
  decision: string;
  decide_par: string | null;
  decide_le: string | null;
  deliberation: string | null;
}

const DECISION_LABELS: Record<string, string> = { approved: "publié", pending: "en attente", withheld: "non publié" };

/** A decision code in French: `publié`, `en attente`, `non publié`. */
export function decisionLabel(decision: string): string {
  return DECISION_LABELS[decision] ?? decision;
}

/** Every decision of the release, approved first then pending then withheld, each group by table name. */
export function publicationDecisions(pkg: Pick<DataPackage, "decisions_publication">): PublicationDecision[] {
  const order = ["approved", "pending", "withheld"];
  const rank = (d: string) => (order.includes(d) ? order.indexOf(d) : order.length);
  return [...(pkg.decisions_publication ?? [])].sort((a, b) => rank(a.decision) - rank(b.decision) || a.table.localeCompare(b.table));
}

/** One sentence: how many indicators are published, pending, withheld. */
export function decisionsTakeaway(decisions: readonly PublicationDecision[]): string {
  if (decisions.length === 0) return "Aucune décision de publication n'est inscrite dans cette publication.";
  const count = (code: string) => decisions.filter((d) => d.decision === code).length;
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;
  if (count("approved") === decisions.length)
    return `${plural(decisions.length, "indicateur")} publié${decisions.length > 1 ? "s" : ""}, chacun sur une décision enregistrée des élus.`;
  return (
    `${plural(decisions.length, "indicateur")} au registre : ${count("approved")} publié${count("approved") > 1 ? "s" : ""}, ` +
    `${count("pending")} en attente, ${count("withheld")} non publié${count("withheld") > 1 ? "s" : ""}.`
  );
}

/** A `YYYY-MM-DD` decision date in French (`26 janvier 2026`), or `—` when not decided. */
export function formatDecisionDate(date: string | null): string {
  if (!date) return "—";
  return new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** A field of a Table Schema. */
export interface SchemaField {
  name: string;
  type: string;
  description: string;
}

const FORMAT_LABELS: Record<string, string> = {
  csv: "CSV (UTF-8, virgule)",
  parquet: "Parquet",
  geojson: "GeoJSON",
};

/** The format of a resource in words; the Excel twin is told apart by its folder. */
export function formatLabel(resource: Pick<Resource, "format" | "path">): string {
  if (resource.path.startsWith("excel/")) return "CSV pour tableur (point-virgule, BOM)";
  return FORMAT_LABELS[resource.format] ?? resource.format;
}

const TYPE_LABELS: Record<string, string> = {
  string: "texte",
  integer: "entier",
  number: "nombre décimal",
  boolean: "booléen (true/false)",
  date: "date (AAAA-MM-JJ)",
  datetime: "date et heure UTC",
};

/** The French name of a Table Schema type. */
export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

/** The tables of the release (one per Table Schema), in datapackage order: name, title, schema path. */
export function releaseTables(pkg: DataPackage): { name: string; title: string; schema: string }[] {
  const out = new Map<string, { name: string; title: string; schema: string }>();
  for (const r of pkg.resources) {
    if (r.schema && r.format === "csv" && !out.has(r.schema)) {
      out.set(r.schema, { name: r.name, title: r.title.replace(/\s*\(CSV\)$/, ""), schema: r.schema });
    }
  }
  return [...out.values()];
}

/** One release version of CHANGELOG.md. */
export interface ChangelogEntry {
  version: string;
  date: string;
  changes: string[];
}

/** Parses CHANGELOG.md (`## version — date` then `- change` lines), newest first as written. */
export function parseChangelog(markdown: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^##\s+(\S+)\s+—\s+(\S+)/.exec(line);
    if (heading) entries.push({ version: heading[1] as string, date: heading[2] as string, changes: [] });
    else if (line.startsWith("- ") && entries.length > 0) entries[entries.length - 1]?.changes.push(line.slice(2).trim());
  }
  return entries;
}
