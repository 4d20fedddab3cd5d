/** The validation context of `ingest`, built from the reference data (taxonomy, districts, services). */
import { createLocator } from "../core/districts.ts";
import { loadReference } from "../reference.ts";
import { createClassifier } from "./classify.ts";
import type { IngestContext } from "./ingest.ts";

/** Everything validation needs, for files read as of `nowMs` (dates after it are refused). */
export function ingestContext(nowMs: number): IngestContext {
  const ref = loadReference();
  return {
    classifier: createClassifier(ref.taxonomy, ref.districts),
    locator: createLocator(ref.districts, ref.communes),
    serviceCodes: new Set(ref.services.services.map((s) => s.code)),
    nowMs,
  };
}
