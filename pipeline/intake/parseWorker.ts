/**
 * Body of the parse worker (started by parseInWorker.ts through parse-worker.mjs). It takes files one after
 * the other: for each job it reads and validates the file with `parseFile` and posts each group of items,
 * at most `MAX_IN_FLIGHT` ahead of the writer (which acknowledges every group it has written), then posts
 * why the whole file was refused, or null. One worker serves every file of an `ingest` command.
 */
import { parentPort } from "node:worker_threads";
import type { FileScan } from "../io/sniff.ts";
import { ingestContext } from "./context.ts";
import { type IngestContext, parseFile } from "./ingest.ts";
import { encodeItems } from "./parseCodec.ts";
import type { IngestSource } from "./records.ts";

/** One file to read. */
export interface ParseJob {
  source: IngestSource;
  file: string;
  scan: FileScan;
  nowMs: number;
  maxLineBytes: number | undefined;
}

/** What the writer sends: a file to read, or the acknowledgement of a group. */
export type ToParser = { job: ParseJob } | { ack: true };

/** Groups posted and not yet acknowledged, at most (bounds the memory held between the two threads). */
const MAX_IN_FLIGHT = 4;

const port = parentPort;
if (port === null) throw new Error("parseWorker.ts runs as a worker thread");
const jobs: ParseJob[] = [];
let inFlight = 0;
let wake: (() => void) | null = null;
port.on("message", (message: ToParser) => {
  if ("job" in message) jobs.push(message.job);
  else inFlight -= 1;
  wake?.();
  wake = null;
});
const sleep = () => new Promise<void>((resolve) => (wake = resolve));

let context: IngestContext | null = null;
for (;;) {
  while (jobs.length === 0) await sleep();
  const job = jobs.shift() as ParseJob;
  if (context === null || context.nowMs !== job.nowMs) context = ingestContext(job.nowMs);
  const items = parseFile({ source: job.source, file: job.file, maxLineBytes: job.maxLineBytes, context }, job.scan);
  let next = await items.next();
  while (!next.done) {
    if (next.value.length > 0) {
      port.postMessage({ items: encodeItems(next.value) });
      inFlight += 1;
      while (inFlight >= MAX_IN_FLIGHT) await sleep();
    }
    next = await items.next();
  }
  port.postMessage({ done: true, refused: next.value });
}
