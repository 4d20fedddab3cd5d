// @ts-check
/**
 * Worker thread of `ingest`: reads and validates one channel file (parseWorker.ts) while the main thread
 * writes the records to the store. The project runs TypeScript through tsx, registered here for this thread.
 */
import { register } from "tsx/esm/api";

register();
await import("./parseWorker.ts");
