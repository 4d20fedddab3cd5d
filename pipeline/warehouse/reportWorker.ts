/**
 * Body of the reports' worker thread (started by extract.ts through report-worker.mjs): reads the reports on
 * its own read-only connection to the store with `reportChunks`, and posts each chunk (its CSV file, its
 * private rows) at most `REPORT_CHUNKS_AHEAD` ahead of the main thread, which acknowledges every chunk it takes.
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { createLocator } from "../core/districts.ts";
import { REPORT_CHUNKS_AHEAD, type ReportJob, reportChunks } from "./extract.ts";

const port = parentPort;
if (port === null) throw new Error("reportWorker.ts runs as a worker thread");
const job = workerData as ReportJob;
let ahead = 0;
let wake: (() => void) | null = null;
port.on("message", () => {
  ahead -= 1;
  wake?.();
  wake = null;
});
const db = new Database(job.storeFile, { readonly: true, fileMustExist: true });
try {
  const locator = createLocator(job.areas.districts, job.areas.communes);
  for (const chunk of reportChunks(db, locator, job.after, job.upTo, job.dir, job.chunkRows)) {
    port.postMessage(chunk);
    ahead += 1;
    while (ahead >= REPORT_CHUNKS_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
  }
} finally {
  db.close();
}
port.postMessage({ done: true });
