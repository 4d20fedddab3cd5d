/** Re-emits the release's Table Schemas (schemas/*.schema.json) as one JSON object keyed by path. */
import { emitReleaseSchemas } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseSchemas();
