/** Re-emits the release's `CHANGELOG.md` unchanged: the dashboard never computes statistics. */
import { emitReleaseFile } from "../../pipeline/dashboard/releaseFile.ts";

emitReleaseFile("CHANGELOG.md");
