/** Re-emits the release's `data/volumes_mensuels.csv` unchanged: the dashboard never computes statistics. */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("data/volumes_mensuels.csv");
