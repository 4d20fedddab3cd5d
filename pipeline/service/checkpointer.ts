/**
 * Starts the WAL checkpoint worker of the intake service (checkpointWorker.mjs): a PASSIVE checkpoint
 * every `intervalMs` on its own connection, while the service's connection has automatic checkpoints
 * off (`wal_autocheckpoint=0`), so no request ever pays for copying pages or for the checkpoint fsyncs.
 */
import { once } from "node:events";
import { Worker } from "node:worker_threads";

/** Counters of the checkpoint worker, for diagnosis. */
export interface CheckpointStats {
  checkpoints: number;
  failures: number;
  /** Frames in the WAL at the last checkpoint. */
  lastFrames: number;
}

/** The running checkpoint worker of one store. */
export class Checkpointer {
  private readonly worker: Worker;
  private readonly counters: CheckpointStats = { checkpoints: 0, failures: 0, lastFrames: 0 };
  private readonly exited: Promise<unknown>;

  constructor(file: string, options: { intervalMs?: number } = {}) {
    this.worker = new Worker(new URL("./checkpointWorker.mjs", import.meta.url), {
      workerData: { file, intervalMs: options.intervalMs ?? 250 },
    });
    this.exited = once(this.worker, "exit");
    this.worker.on("message", (m: { type: string; frames?: number; code?: string }) => {
      if (m.type === "checkpoint") {
        this.counters.checkpoints++;
        this.counters.lastFrames = m.frames ?? 0;
      } else {
        this.counters.failures++;
        process.stderr.write(`point de contrôle WAL en échec (${m.code}) : nouvel essai au suivant\n`);
      }
    });
    this.worker.on("error", (error) => process.stderr.write(`fil des points de contrôle arrêté : ${error.name}\n`));
    // Never keeps the process alive: a checkpoint interrupted by an exit is safe, the WAL keeps the frames.
    this.worker.unref();
  }

  /** A copy of the counters. */
  stats(): CheckpointStats {
    return { ...this.counters };
  }

  /** Runs a last checkpoint, closes the worker's connection and waits for the thread to end. */
  async close(): Promise<void> {
    this.worker.postMessage("stop");
    await this.exited;
  }
}
