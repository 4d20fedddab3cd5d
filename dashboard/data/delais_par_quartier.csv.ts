/** Re-emits the release's `data/delais_par_quartier.csv` unchanged: the dashboard never computes statistics. */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("data/delais_par_quartier.csv");
