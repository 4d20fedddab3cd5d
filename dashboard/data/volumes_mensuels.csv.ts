/** Re-emits the release's `data/volumes_mensuels.csv` unchanged: the dashboard never computes statistics. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const releaseDir = process.env.SIGNALEMENTS_RELEASE_DIR ?? path.join(projectRoot, "exports", "public");
const file = path.join(releaseDir, "data", "volumes_mensuels.csv");

try {
  process.stdout.write(readFileSync(file));
} catch {
  process.stderr.write(`Publication introuvable : ${file}\nConstruisez d'abord la publication (signalements demo).\n`);
  process.exit(1);
}
