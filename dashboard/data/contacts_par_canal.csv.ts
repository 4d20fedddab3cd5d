/** Re-emits the release's `data/contacts_par_canal.csv` unchanged: the dashboard never computes statistics. */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("data/contacts_par_canal.csv");
