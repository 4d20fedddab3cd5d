/** Re-emits the release's `data/carte_h3.csv` unchanged (it holds the map's residual row, which has no shape). */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("data/carte_h3.csv");
