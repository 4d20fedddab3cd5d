/** Re-emits the release's `data/carte_h3.geojson` unchanged: the dashboard never computes statistics. */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("data/carte_h3.geojson");
