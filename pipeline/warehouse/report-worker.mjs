// @ts-check
/**
 * Worker thread of the extraction for the reports (reportWorker.ts): the project runs TypeScript through tsx,
 * registered here for this thread.
 */
import { register } from "tsx/esm/api";

register();
await import("./reportWorker.ts");
