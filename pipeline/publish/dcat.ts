import { LICENCE, PREVIEW_MARK, type ReleaseFile, type ReleaseMeta } from "./descriptors.ts";

const CONTEXT = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  owl: "http://www.w3.org/2002/07/owl#",
  spdx: "http://spdx.org/rdf/terms#",
};

/** EU file-type authority codes for our formats. */
const FILE_TYPE: Record<ReleaseFile["format"], string> = {
  csv: "http://publications.europa.eu/resource/authority/file-type/CSV",
  parquet: "http://publications.europa.eu/resource/authority/file-type/PARQUET",
  geojson: "http://publications.europa.eu/resource/authority/file-type/GEOJSON",
};

const fr = (text: string) => ({ "@value": text, "@language": "fr" });

/** Builds catalogue.jsonld: one dcat:Catalog, one dcat:Dataset per table, one dcat:Distribution per file. */
export function dcatCatalogue(
  meta: ReleaseMeta,
  tables: { name: string; title: string; description: string }[],
  files: ReleaseFile[],
): Record<string, unknown> {
  const base = meta.baseUrl.endsWith("/") ? meta.baseUrl : `${meta.baseUrl}/`;
  const publisher = { "@id": `${base}#editeur`, "@type": "foaf:Agent", "foaf:name": meta.publisher };
  const licence = { "@id": LICENCE.path, "@type": "dct:LicenseDocument" };
  const suffix = meta.preview ? ` (${PREVIEW_MARK})` : "";
  return {
    "@context": CONTEXT,
    "@id": `${base}catalogue.jsonld`,
    "@type": "dcat:Catalog",
    "dct:title": fr(`Statistiques des signalements${suffix}`),
    "dct:description": fr("Catalogue des jeux de données anonymes issus des signalements des habitants."),
    "dct:publisher": publisher,
    "dct:license": licence,
    "dct:issued": { "@value": meta.releasedAt, "@type": "xsd:date" },
    "dcat:dataset": tables.map((t) => ({
      "@id": `${base}#${t.name}`,
      "@type": "dcat:Dataset",
      "dct:identifier": `${base}#${t.name}`,
      "dct:title": fr(`${t.title}${suffix}`),
      "dct:description": fr(t.description),
      "dct:publisher": publisher,
      "dct:issued": { "@value": meta.releasedAt, "@type": "xsd:date" },
      "owl:versionInfo": meta.version,
      "dcat:contactPoint": {
        "@type": "vcard:Kind",
        "vcard:fn": meta.publisher,
        "vcard:hasEmail": { "@id": `mailto:${meta.contactEmail}` },
      },
      "dct:license": licence,
      "dcat:distribution": files
        .filter((f) => f.table === t.name)
        .map((f) => ({
          "@id": `${base}${f.path}`,
          "@type": "dcat:Distribution",
          "dct:title": fr(f.title),
          "dcat:accessURL": { "@id": base },
          "dcat:downloadURL": { "@id": `${base}${f.path}` },
          "dct:format": { "@id": FILE_TYPE[f.format] },
          "dcat:mediaType": { "@id": `https://www.iana.org/assignments/media-types/${f.mediatype}`, "@type": "dct:MediaType" },
          "dct:license": licence,
          "dcat:byteSize": { "@value": String(f.bytes), "@type": "xsd:nonNegativeInteger" },
          "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": { "@id": "spdx:checksumAlgorithm_sha256" },
            "spdx:checksumValue": f.sha256,
          },
        })),
    })),
  };
}
