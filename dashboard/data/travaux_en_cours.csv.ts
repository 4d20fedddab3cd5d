/** Re-emits the release's `data/travaux_en_cours.csv` unchanged: the dashboard never computes statistics. */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("data/travaux_en_cours.csv");
