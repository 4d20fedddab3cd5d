/** Re-emits the release's `data/retours_usagers.csv` unchanged: the dashboard never computes statistics. */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("data/retours_usagers.csv");
