/**
 * Group commit for the intake service: writes queued during one turn of the event loop share one
 * SQLite transaction (one fsync), and each caller's promise resolves only once that transaction is
 * committed, so a 201 is never sent for a row that could still be lost.
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

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Runs write jobs in shared transactions; each job runs in its own savepoint, so one failure spoils no other. */
export class GroupCommitter {
  private queue: Job[] = [];
  private scheduled = false;
  private readonly counters: CommitStats = { batches: 0, jobs: 0, maxBatch: 0 };
  private readonly sql: Record<"begin" | "savepoint" | "release" | "rollbackTo" | "commit" | "rollback", Database.Statement>;

  constructor(
    private readonly db: Database.Database,
    private readonly maxBatch = 256,
  ) {
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
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const jobs = this.queue.splice(0, this.maxBatch);
    this.scheduled = false;
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
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
    jobs.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    });
  }
}
