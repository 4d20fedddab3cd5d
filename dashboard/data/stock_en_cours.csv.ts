/** Re-emits the release's `data/stock_en_cours.csv` unchanged: the dashboard never computes statistics. */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("data/stock_en_cours.csv");
