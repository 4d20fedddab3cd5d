/** Re-emits the release's `data/quartiers.geojson` unchanged: the dashboard never computes statistics. */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("data/quartiers.geojson");
