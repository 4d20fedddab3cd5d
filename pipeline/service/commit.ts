/**
 * Group commit for the intake service: writes queued during one turn of the event loop share one
 * SQLite transaction, and each caller's promise resolves only once that transaction is committed and,
 * when a `durable` step is given (the WAL fsync of walSync.ts, run off the event loop), once it has
 * reached stable storage, so a 201 is never sent for a row that could still be lost. While a sync is
 * in flight the event loop keeps parsing requests and committing the next batches.
 */
import type Database from "better-sqlite3";

/** Counters of a committer since it was created. */
export interface CommitStats {
  /** Transactions committed (or rolled back as a whole). */
  batches: number;
  /** Jobs run, successful or not. */
  jobs: number;
  /** Largest batch seen. */
  maxBatch: number;
}

/** What makes a commit durable after it returns (the WAL sync); `failure` set means writes are refused. */
export interface Durable {
  sync(): Promise<void>;
  readonly failure: Error | null;
}

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Committed batches allowed to wait for durability at once: one being synced and one waiting for the
 * next sync. Writes arriving meanwhile queue up and make the next batch, so each sync acknowledges
 * one larger batch instead of many small commits (fewer pages written per report).
 */
const MAX_UNSYNCED = 2;

/** Runs write jobs in shared transactions; each job runs in its own savepoint, so one failure spoils no other. */
export class GroupCommitter {
  private queue: Job[] = [];
  private scheduled = false;
  /** Committed batches waiting for their sync. */
  private unsynced = 0;
  private readonly counters: CommitStats = { batches: 0, jobs: 0, maxBatch: 0 };
  private readonly sql: Record<"begin" | "savepoint" | "release" | "rollbackTo" | "commit" | "rollback", Database.Statement>;

  private readonly maxBatch: number;
  private readonly durable: Durable | null;

  constructor(
    private readonly db: Database.Database,
    options: { maxBatch?: number; durable?: Durable } = {},
  ) {
    // Bounded so that one transaction holds the event loop for a few milliseconds at most.
    this.maxBatch = options.maxBatch ?? 128;
    this.durable = options.durable ?? null;
    // Prepared once: these run for every request on the hot path.
    this.sql = {
      begin: db.prepare("begin immediate"),
      savepoint: db.prepare("savepoint job"),
      release: db.prepare("release job"),
      rollbackTo: db.prepare("rollback to job"),
      commit: db.prepare("commit"),
      rollback: db.prepare("rollback"),
    };
  }

  /** A copy of the counters (batches, jobs, largest batch). */
  stats(): CommitStats {
    return { ...this.counters };
  }

  /** Queues a synchronous write; resolves with its result after the durable commit. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.unsynced >= MAX_UNSYNCED) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue.splice(0, this.maxBatch);
    this.schedule();
    if (this.durable?.failure) {
      // Durability is no longer guaranteed: nothing is written, nothing acknowledged.
      for (const job of jobs) job.reject(this.durable.failure);
      return;
    }
    this.counters.batches++;
    this.counters.jobs += jobs.length;
    this.counters.maxBatch = Math.max(this.counters.maxBatch, jobs.length);
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const sql = this.sql;
    try {
      sql.begin.run();
      for (const job of jobs) {
        sql.savepoint.run();
        try {
          outcomes.push({ ok: true, value: job.work() });
          sql.release.run();
        } catch (error) {
          sql.rollbackTo.run();
          sql.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      sql.commit.run();
    } catch (error) {
      if (this.db.inTransaction) sql.rollback.run();
      for (const job of jobs) job.reject(error);
      return;
    }
    const settle = () =>
      jobs.forEach((job, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok) job.resolve(outcome.value);
        else job.reject(outcome?.error);
      });
    if (!this.durable) {
      settle();
      return;
    }
    this.unsynced++;
    this.durable
      .sync()
      .then(settle, (error: unknown) => {
        for (const job of jobs) job.reject(error);
      })
      .finally(() => {
        this.unsynced--;
        this.schedule();
      });
  }
}
