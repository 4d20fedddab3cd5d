/** Project folders, in a module without dependencies so that the CLI's registrations stay cheap to import. */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Root of the project checkout. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Default output folder of the dashboard build (any static host can serve it). */
export const DEFAULT_DIST_DIR = path.join(PROJECT_ROOT, "dist");
/** Default release read by the dashboard's loaders. */
export const DEFAULT_RELEASE_DIR = path.join(PROJECT_ROOT, "exports", "public");
/** The preview for officials: the release with every indicator, marked "projet — non publié". */
export const DEFAULT_PREVIEW_RELEASE_DIR = path.join(PROJECT_ROOT, "exports", "preview");
/** Output folder of the preview build of the dashboard (served at /apercu/ when present). */
export const DEFAULT_PREVIEW_DIST_DIR = path.join(PROJECT_ROOT, "dist-apercu");
/** Default location of the intake store. */
export const DEFAULT_STORE = "data/intake.sqlite";
