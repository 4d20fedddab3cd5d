/**
 * Body of the parse worker (started by parseInWorker.ts through parse-worker.mjs): reads and validates one
 * file with `parseFile` and posts each group of items, at most `MAX_IN_FLIGHT` ahead of the writer, which
 * acknowledges every group it has written; then posts why the whole file was refused, or null.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { FileScan } from "../io/sniff.ts";
import { ingestContext } from "./context.ts";
import { parseFile } from "./ingest.ts";
import { encodeItems } from "./parseCodec.ts";
import type { IngestSource } from "./records.ts";

/** What the main thread passes. */
export interface ParseJob {
  source: IngestSource;
  file: string;
  scan: FileScan;
  nowMs: number;
  maxLineBytes: number | undefined;
}

/** Groups posted and not yet acknowledged, at most (bounds the memory held between the two threads). */
const MAX_IN_FLIGHT = 4;

const port = parentPort;
if (port === null) throw new Error("parseWorker.ts runs as a worker thread");
const job = workerData as ParseJob;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on("message", () => {
  inFlight -= 1;
  wake?.();
  wake = null;
});
const items = parseFile(
  { source: job.source, file: job.file, maxLineBytes: job.maxLineBytes, context: ingestContext(job.nowMs) },
  job.scan,
);
let next = await items.next();
while (!next.done) {
  if (next.value.length > 0) {
    port.postMessage({ items: encodeItems(next.value) });
    inFlight += 1;
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
  }
  next = await items.next();
}
port.postMessage({ done: true, refused: next.value });
