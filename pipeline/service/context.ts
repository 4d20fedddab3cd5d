/** What every route of the intake service needs: the store adapter, reference data, configuration, the clock. */

import type { Locator } from "../core/districts.ts";
import type { Classifier } from "../intake/classify.ts";
import type { ReferenceData } from "../reference.ts";
import type { ServiceRepo } from "./repo.ts";

/** Settings of one running service. */
export interface ServiceSettings {
  /** Signs follow-up tokens; from SIGNALEMENTS_SERVICE_SECRET or a local file. */
  secret: string;
  /** Base URL residents see in links, e.g. `http://localhost:3000`. */
  publicUrl: string;
  /** Origins allowed by CORS; empty = no cross-origin access. */
  corsOrigins: string[];
  /** Requests per minute: anonymous POSTs per address, keyed calls per key, follow-up calls per address. */
  limits: { anonymous: number; keyed: number; followup: number };
  /** Built dashboard folder served at `/`, and the preview folder served at `/apercu/`, when they exist. */
  distDir: string | null;
  previewDir: string | null;
}

/** The shared context of the routes. */
export interface ServiceContext {
  repo: ServiceRepo;
  ref: ReferenceData;
  classifier: Classifier;
  locator: Locator;
  settings: ServiceSettings;
  now: () => Date;
}
