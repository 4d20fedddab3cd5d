/** Shared facts about the release: metadata that every descriptor (Data Package, DCAT, LISEZMOI) repeats. */

/** Licence of the release. */
export const LICENCE = {
  name: "etalab-2.0",
  path: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
  title: "Licence Ouverte 2.0",
} as const;

/** Attribution of the district boundaries used by the release. */
export const DISTRICT_SOURCE = "Eurométropole de Strasbourg, découpage en 10 quartiers, 2018";

/** Visible mark of a preview build. */
export const PREVIEW_MARK = "projet — non publié";

/** One file of the release, as described in datapackage.json and the DCAT catalogue. */
export interface ReleaseFile {
  /** Resource name, lowercase (`volumes_mensuels`, `volumes_mensuels-excel`…). */
  name: string;
  /** Table the file belongs to (groups distributions into one DCAT dataset). */
  table: string;
  title: string;
  description: string;
  path: string;
  format: "csv" | "parquet" | "geojson";
  mediatype: string;
  encoding?: string;
  schemaPath?: string;
  bytes: number;
  sha256: string;
}

/** Release-wide metadata, all given as parameters (no clock). */
export interface ReleaseMeta {
  version: string;
  /** Release date `YYYY-MM-DD`. */
  releasedAt: string;
  baseUrl: string;
  preview: boolean;
  publisher: string;
  contactEmail: string;
  /** Disclosure threshold: counts from 1 to k-1 are suppressed. */
  k: number;
  /** Elected officials' decision on every indicator (published in the package for the record). */
  decisions: {
    table: string;
    definition: string;
    decision: string;
    decide_par: string | null;
    decide_le: string | null;
    deliberation: string | null;
    motif?: string;
    /** Fingerprint of the approved definition. */
    empreinte?: string;
  }[];
}
