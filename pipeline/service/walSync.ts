/**
 * Durability of the intake service's commits without blocking the event loop.
 *
 * The service's connection runs WAL with `synchronous=NORMAL`: SQLite then writes each commit's
 * frames to the `-wal` file without an fsync (it still syncs the WAL before every checkpoint, the
 * database after it, and the WAL header when the log restarts). After each group-commit transaction,
 * this module calls `fdatasync` on one kept-open descriptor of that `-wal` file, on the libuv thread
 * pool, and the writes' callers are answered only once it has succeeded.
 *
 * Why that is as durable as `synchronous=FULL` for every acknowledged report: FULL's only extra step
 * in WAL mode is one sync of the WAL file after each commit. Here the same sync happens after the
 * commit and before any 201, and `fdatasync` applies to the file (every page written through any
 * descriptor, plus the size needed to read the appended frames back), so all frames up to and
 * including the batch's commit frame are on stable storage before its answers leave. A sync started
 * after a commit covers that commit and all earlier ones; requests of later commits wait for the
 * next sync, which this module starts only after the current one (so a sync that began before a
 * commit never acknowledges it). A power loss can only lose commits not yet acknowledged, exactly as
 * with FULL. What differs is only who sees unsynced rows: reads of this process may see a report a
 * few milliseconds before its 201, which is harmless (its ticket is not known to anyone yet).
 *
 * The descriptor stays valid because SQLite only deletes the `-wal` file when the last connection
 * closes, and resets or truncates it in place otherwise; `close()` runs before the connection closes.
 *
 * If a sync fails (EIO, ENOSPC…), the kernel may already have dropped the dirty pages, so no later
 * sync can vouch for them: the service refuses every further write (503) until it is restarted,
 * rather than acknowledge a report that may not be on disk.
 */
import { closeSync, fdatasync, openSync } from "node:fs";

/** The error of a write refused because durability can no longer be guaranteed (answered as 503). */
export class DurabilityError extends Error {
  readonly statusCode = 503;
  constructor(readonly reason: string) {
    super(`journal WAL non synchronisé (${reason}) : écritures refusées jusqu'au redémarrage du service`);
    this.name = "DurabilityError";
  }
}

/** How the file is flushed: `fs.fdatasync` by default; tests inject a failing one. */
export type Flush = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Group fsync of a WAL file: concurrent callers share one `fdatasync`, never one that started before their call. */
export class WalSync {
  private readonly fd: number;
  private waiting: Waiter[] = [];
  private running = false;
  private closed = false;
  /** Set by the first failed sync: every later write is refused. */
  failure: DurabilityError | null = null;
  /** Syncs done, for diagnosis. */
  syncs = 0;

  constructor(
    walFile: string,
    private readonly flush: Flush = fdatasync,
    private readonly onFailure: (error: DurabilityError) => void = () => {},
  ) {
    // r+: the file must already exist (SQLite creates it); opening never creates or truncates it.
    this.fd = openSync(walFile, "r+");
  }

  /** Resolves once every frame written before this call is on stable storage; rejects with a DurabilityError otherwise. */
  sync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new DurabilityError("service arrêté"));
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) this.start();
    });
  }

  private start(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.running = true;
    this.flush(this.fd, (error) => {
      this.running = false;
      this.syncs++;
      if (error) {
        this.fail(error.code ?? "erreur d'écriture");
        for (const w of batch) w.reject(this.failure);
        return;
      }
      for (const w of batch) w.resolve();
      if (this.waiting.length > 0) this.start();
    });
  }

  private fail(cause: string): void {
    this.failure ??= new DurabilityError(cause);
    const pending = this.waiting;
    this.waiting = [];
    for (const w of pending) w.reject(this.failure);
    this.onFailure(this.failure);
  }

  /** Waits for the sync in flight, then closes the descriptor (before the connection closes). */
  async close(): Promise<void> {
    while (this.running || this.waiting.length > 0) await new Promise((r) => setImmediate(r));
    this.closed = true;
    closeSync(this.fd);
  }
}
