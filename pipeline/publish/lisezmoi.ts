import { DISTRICT_SOURCE, LICENCE, PREVIEW_MARK, type ReleaseMeta } from "./descriptors.ts";
import type { TableSchema } from "./tableSchema.ts";

/** One changelog entry. */
export interface ChangelogEntry {
  version: string;
  date: string;
  changes: string[];
}

const TYPE_FR: Record<string, string> = {
  string: "texte",
  integer: "entier",
  number: "nombre décimal",
  boolean: "booléen (true/false)",
  date: "date (AAAA-MM-JJ)",
  datetime: "date et heure UTC (AAAA-MM-JJTHH:MM:SSZ)",
};

/** CHANGELOG.md in French, newest first. */
export function changelogMarkdown(entries: ChangelogEntry[], preview = false): string {
  const body = entries.map((e) => `## ${e.version} — ${e.date}\n\n${e.changes.map((c) => `- ${c}`).join("\n")}\n`).join("\n");
  const mark = preview ? `> **${PREVIEW_MARK.toUpperCase()}** — journal de la version de travail.\n\n` : "";
  return `# Journal des modifications\n\n${mark}${body}`;
}

/** LISEZMOI.md in French: what, licence and attribution, data dictionary, opening the Excel twin, secret statistique, changelog. */
export function lisezmoi(
  meta: ReleaseMeta,
  tables: { name: string; title: string; description: string; schema: TableSchema }[],
  k: number,
  changelog: ChangelogEntry[],
): string {
  const mark = meta.preview
    ? `\n> **${PREVIEW_MARK.toUpperCase()}** — version de travail soumise à validation, à ne pas réutiliser.\n`
    : "";
  const dictionary = tables
    .map((t) => {
      const rows = t.schema.fields
        .map((f) => `| \`${f.name}\` | ${TYPE_FR[f.type] ?? f.type} | ${f.description.replaceAll("|", "\\|")} |`)
        .join("\n");
      return `### ${t.name} — ${t.title}\n\n${t.description}\n\nFichiers : \`data/${t.name}.csv\`, \`data/${t.name}.parquet\`, \`excel/${t.name}.csv\`, schéma \`schemas/${t.name}.schema.json\`.\n\n| colonne | type | définition |\n| --- | --- | --- |\n${rows}\n`;
    })
    .join("\n");
  const history = changelog.map((e) => `- ${e.version} (${e.date}) : ${e.changes.join(" ; ")}`).join("\n");
  return `# Statistiques des signalements — version ${meta.version} du ${meta.releasedAt}
${mark}
## De quoi s'agit-il ?

Statistiques anonymes sur les signalements des habitants (propreté, voirie, éclairage, espaces verts…) reçus par le web,
l'application, le téléphone et le courriel : volumes, délais de traitement, respect de l'engagement de 15 jours,
signalements en cours, retours des usagers, contacts traités et travaux en cours. Aucune donnée personnelle : ni nom,
ni adresse, ni texte libre, ni coordonnées exactes ; les cartes utilisent des hexagones H3, jamais des points.

## Licence et attribution

${LICENCE.title} (${LICENCE.name}) : ${LICENCE.path}

Mention à reprendre : « ${meta.publisher}, statistiques des signalements, version ${meta.version} ». Les limites des
quartiers proviennent de : ${DISTRICT_SOURCE}.

## Contenu

- \`data/*.csv\` : fichiers de référence (UTF-8 sans BOM, séparateur virgule, fin de ligne CRLF, RFC 4180, point décimal,
  dates AAAA-MM-JJ, dates et heures en UTC avec Z, case vide = valeur manquante ou masquée).
- \`data/*.parquet\` : mêmes tables au format Parquet.
- \`data/*.geojson\` : quartiers, carte H3 et travaux en cours (RFC 7946, WGS 84).
- \`excel/*.csv\` : copies pour tableur (voir ci-dessous).
- \`schemas/*.schema.json\` : schémas Table Schema ; \`datapackage.json\` : description Frictionless Data Package ;
  \`catalogue.jsonld\` : catalogue DCAT-AP ; \`SHA256SUMS\` : empreintes SHA-256 (\`sha256sum -c SHA256SUMS\`).

## Ouvrir dans Excel ou LibreOffice

Les fichiers du dossier \`excel/\` sont en UTF-8 avec BOM, séparateur point-virgule et **virgule décimale** (réglage
français) : un double-clic les ouvre correctement dans Excel et LibreOffice Calc en français. Un texte qui commence
par = + - ou @ est précédé d'une apostrophe pour qu'il ne soit jamais exécuté comme une formule. Pour un tableur réglé
en anglais, importez plutôt \`data/<table>.csv\` (Données > À partir d'un fichier texte/CSV, séparateur virgule,
encodage UTF-8 ; dans LibreOffice : Fichier > Ouvrir, jeu de caractères Unicode UTF-8, séparateur virgule).

## Secret statistique : protéger les personnes, pas les comptes

Les comptes et les délais des catégories ordinaires et du domaine public (propreté, voirie, éclairage…) par
service, par quartier et par période n'identifient personne : ils sont publiés **quel que soit l'effectif**, même
petit. Quand une médiane, un p90 ou un taux est vide, la colonne \`statut_…\` de la ligne dit pourquoi :
\`sans_donnees\` (aucun signalement sur la période), \`non_atteint\` (moins de la moitié ou de 90 % des signalements
sont clos, ou aucun n'est encore clos ni en retard pour le taux) ou \`secret_statistique\`.

Deux fichiers restent sous le seuil de ${k} (règle de l'INSEE pour les personnes physiques) et sous la règle de
dominance (un seul déclarant pour plus de la moitié d'une case) :

- la carte par cellules H3 : les cellules où trop peu de signalements sont localisés sont regroupées dans leur cellule parente,
  plus grande, qui ne couvre que ses sous-cellules sans ligne propre ; ce qui reste sous le seuil est compté dans la ligne \`autres_zones\`, sans lieu, pour que
  la carte garde le total de tous les signalements localisés.
- le fichier des catégories sensibles : les catégories sensibles (nuisances de voisinage, logement insalubre, animaux) ne
  sont comptées que là, par quartier et par trimestre complet, sans détail mensuel ; le total de la ville n'y est
  publié que s'il ne permet de retrouver aucun quartier masqué. Elles sont retirées de tous les
  autres fichiers (totaux, canaux, services, quartiers, catégories, délais), pour qu'aucune différence entre fichiers
  ne les révèle ; elles n'apparaissent sur aucune carte ni dans aucune liste.

Sur ces deux fichiers, une valeur masquée ne peut pas être retrouvée par combinaison des autres valeurs publiées :
ils n'ont pas d'autre période, leur seul total est protégé, et leurs signalements ne sont comptés dans aucun autre
fichier. Les tests du logiciel le vérifient sur une publication de démonstration par un audit de programmation
linéaire qui borne chaque valeur masquée à partir de toutes les valeurs publiées ensemble.

Une valeur masquée est laissée **vide** (jamais 0) et sa ligne porte \`secret_statistique\` = \`true\`. Les zéros
sont publiés. Les délais minimum et maximum ne sont jamais publiés.

## Périodes publiées

Un mois, un trimestre ou une année n'est publié qu'une fois terminé ; il est ensuite **figé** : les publications
suivantes le reprennent à l'identique, même si des signalements de cette période sont clos plus tard. Une correction
n'est possible que sur décision enregistrée (table, période, motif, décision) et figure dans l'historique. Les
périodes « 12_mois_glissants », la date d'extraction des signalements en cours et la liste des travaux changent à
chaque publication. Dans \`volumes_mensuels\`, chaque répartition (par canal, groupe, service ou quartier, dont
\`non_localise\`) a pour somme le total du mois.

## Décisions de publication

${decisionsSection(meta)}

## Dictionnaire des données

${dictionary}
## Historique

${history}
`;
}

const DECISION_FR: Record<string, string> = { approved: "approuvé", pending: "en attente", withheld: "retenu (non publié)" };

/** The officials' decision behind each indicator of this release: who, when, reference (and fingerprint). */
export function decisionsSection(meta: ReleaseMeta): string {
  const intro = meta.preview
    ? "Version de travail : tous les indicateurs y figurent, décidés ou non. Seuls les indicateurs approuvés par les élus seront publiés."
    : "Chaque indicateur de cette publication a été approuvé par les élus ; un indicateur en attente ou retenu n'y figure pas.";
  const rows = meta.decisions.map((d) => {
    const who = d.decide_par ? `${d.decide_par}, le ${d.decide_le}, ${d.deliberation}` : "aucune décision";
    const why = d.motif ? ` ; motif : ${d.motif}` : "";
    const fp = d.empreinte ? ` ; empreinte de la définition \`${d.empreinte.slice(0, 12)}\`` : "";
    return `- \`${d.table}\` : ${DECISION_FR[d.decision] ?? d.decision} (${who}${why}${fp}).`;
  });
  return `${intro}\n\n${rows.join("\n")}`;
}

/** SHA256SUMS in `sha256sum` format, sorted by path. */
export function sha256sums(files: { path: string; sha256: string }[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join("");
}
