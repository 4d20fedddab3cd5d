/** The reading and validation of files on a worker thread, seen from the thread that writes the store. */
import { Worker } from "node:worker_threads";
import { MessageQueue } from "../io/messageQueue.ts";
import type { FileScan } from "../io/sniff.ts";
import type { IngestOptions, ItemSource } from "./ingest.ts";
import { decodeItems } from "./parseCodec.ts";
import type { ParseJob, ToParser } from "./parseWorker.ts";

type Message = { items: string } | { done: true; refused: string | null };

/**
 * A worker thread reading files for one command, one file at a time: started with the first file, it serves
 * the next ones without starting again. A file abandoned before its end (an error, a refused file) stops the
 * worker; the next file starts another.
 */
export class ParseThread {
  private worker: Worker | null = null;
  private queue = new MessageQueue<Message>();

  private start(): Worker {
    const worker = new Worker(new URL("./parse-worker.mjs", import.meta.url));
    const queue = new MessageQueue<Message>();
    worker.on("message", (message: Message) => queue.push(message));
    worker.on("error", (error) => queue.push(error));
    worker.on("exit", (code) => queue.push(new Error(`le lecteur de fichiers s'est arrêté (code ${code})`)));
    this.worker = worker;
    this.queue = queue;
    return worker;
  }

  private send(worker: Worker, message: ToParser): void {
    worker.postMessage(message);
  }

  /** The same groups as `parseFile`, read by the worker, which runs a few groups ahead of the caller. */
  async *parse(o: IngestOptions, scan: FileScan): ItemSource {
    const worker = this.worker ?? this.start();
    const job: ParseJob = { source: o.source, file: o.file, scan, nowMs: o.context.nowMs, maxLineBytes: o.maxLineBytes };
    this.send(worker, { job });
    let finished = false;
    try {
      for (;;) {
        const message = await this.queue.take();
        if ("done" in message) {
          finished = true;
          return message.refused;
        }
        yield decodeItems(message.items);
        this.send(worker, { ack: true });
      }
    } finally {
      if (!finished) await this.close();
    }
  }

  /** Stops the worker, if it runs. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker === null) return;
    worker.removeAllListeners();
    await worker.terminate();
  }
}
