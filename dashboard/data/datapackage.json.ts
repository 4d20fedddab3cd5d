/** Re-emits the release's `datapackage.json` unchanged: the dashboard never computes statistics. */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("datapackage.json");
