/** The reading and validation of a file on a worker thread, seen from the thread that writes the store. */
import { Worker } from "node:worker_threads";
import type { FileScan } from "../io/sniff.ts";
import type { IngestOptions, ItemSource } from "./ingest.ts";
import { decodeItems } from "./parseCodec.ts";
import type { ParseJob } from "./parseWorker.ts";

type Message = { items: string } | { done: true; refused: string | null };

/**
 * The same groups as `parseFile`, read by a worker: it runs ahead while this thread writes (at most a few
 * groups), and is stopped when the caller stops reading or an error ends the ingestion.
 */
export async function* parseInWorker(o: IngestOptions, scan: FileScan): ItemSource {
  const job: ParseJob = { source: o.source, file: o.file, scan, nowMs: o.context.nowMs, maxLineBytes: o.maxLineBytes };
  const worker = new Worker(new URL("./parse-worker.mjs", import.meta.url), { workerData: job });
  const ready: (Message | Error)[] = [];
  let waiting: ((value: Message | Error) => void) | null = null;
  const push = (value: Message | Error) => {
    if (waiting) {
      waiting(value);
      waiting = null;
    } else ready.push(value);
  };
  worker.on("message", (message: Message) => push(message));
  worker.on("error", (error) => push(error));
  worker.on("exit", (code) => push(new Error(`le lecteur du fichier s'est arrêté (code ${code})`)));
  try {
    for (;;) {
      const message = ready.length > 0 ? (ready.shift() as Message | Error) : await new Promise<Message | Error>((r) => (waiting = r));
      if (message instanceof Error) throw message;
      if ("done" in message) return message.refused;
      yield decodeItems(message.items);
      worker.postMessage(0);
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
