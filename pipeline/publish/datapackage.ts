import { DISTRICT_SOURCE, LICENCE, PREVIEW_MARK, type ReleaseFile, type ReleaseMeta } from "./descriptors.ts";

/** Profile URL of Data Package v2. */
export const DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";

/** Builds datapackage.json (Data Package v2 with `$schema`, readable by v1 tools). */
export function dataPackage(meta: ReleaseMeta, files: ReleaseFile[]): Record<string, unknown> {
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: "signalements-statistiques",
    title: meta.preview ? `Statistiques des signalements (${PREVIEW_MARK})` : "Statistiques des signalements",
    description:
      "Statistiques anonymes des signalements des habitants (propreté, voirie, éclairage, espaces verts…) : volumes, délais, stock, retours, contacts, travaux en cours. Comptes et délais publiés quel que soit l'effectif ; carte fine et catégories sensibles sous secret statistique.",
    version: meta.version,
    created: `${meta.releasedAt}T00:00:00Z`,
    statut_publication: meta.preview ? PREVIEW_MARK : "publié",
    secret_statistique: {
      seuil_k: meta.k,
      regle: `carte fine (cellules H3) et catégories sensibles : une case de 1 à ${meta.k - 1} signalements, ou dominée par un seul déclarant, est masquée (laissée vide) ; les comptes et délais des autres catégories sont publiés quel que soit l'effectif`,
    },
    decisions_publication: meta.decisions,
    licenses: [{ ...LICENCE }],
    sources: [{ title: DISTRICT_SOURCE }],
    resources: files.map((f) => ({
      name: f.name,
      title: f.title,
      description: f.description,
      path: f.path,
      format: f.format,
      mediatype: f.mediatype,
      ...(f.encoding ? { encoding: f.encoding } : {}),
      ...(f.schemaPath ? { schema: f.schemaPath } : {}),
      ...(f.name.endsWith("-excel") ? { dialect: { delimiter: ";", doubleQuote: true, lineTerminator: "\r\n" } } : {}),
      bytes: f.bytes,
      hash: `sha256:${f.sha256}`,
      licenses: [{ ...LICENCE }],
    })),
  };
}
