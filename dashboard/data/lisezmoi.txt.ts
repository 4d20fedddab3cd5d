/** Re-emits the release's `LISEZMOI.md` unchanged: the dashboard never computes statistics. */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("LISEZMOI.md");
