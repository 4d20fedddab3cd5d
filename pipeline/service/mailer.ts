/**
 * The outbox delivery worker: sends due messages by SMTP, oldest first, one at a time; a failure is
 * retried with exponential backoff. A message's Message-ID is fixed when it is queued, so a crash
 * between the server's acceptance and the `sent` mark can only resend the same Message-ID, which
 * receivers deduplicate; nothing is lost, since a message leaves `pending` only once accepted.
 * The `sent` and retry marks are written on the service's connection (`synchronous=NORMAL`) and are
 * not fsynced by themselves: a power loss can undo a recent mark, and the message is then sent again
 * with the same Message-ID; the message itself was made durable with the write that queued it.
 */
import type Database from "better-sqlite3";
import nodemailer, { type Transporter } from "nodemailer";
import { toUtcInstant } from "../core/time.ts";
import { readNamedSql } from "../intake/store.ts";
import { FOLLOWUP_PLACEHOLDER } from "./notify.ts";
import { followupToken } from "./secrets.ts";
import { SERVICE_SQL_FILE } from "./sqlFile.ts";

/** Settings of the worker. */
export interface MailerSettings {
  /** SMTP server URL, e.g. `smtp://127.0.0.1:2525` (from SIGNALEMENTS_SMTP_URL; credentials only in the environment). */
  smtpUrl: string;
  from: string;
  secret: string;
  publicUrl: string;
  /** First retry delay and cap, in milliseconds. */
  backoffMs: number;
  maxBackoffMs: number;
  /** After this many attempts a message is marked `failed` (kept for inspection, never deleted). */
  maxAttempts: number;
  pollMs: number;
}

/** Delay before attempt `n + 1` after `n` failed attempts: base × 2^(n−1), capped. */
export function backoff(attempts: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

interface Due {
  message_id: number;
  smtp_message_id: string;
  ticket: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/** A delivery worker over the store's outbox. */
export class OutboxWorker {
  private readonly sql = readNamedSql(SERVICE_SQL_FILE);
  private readonly statements: Record<"due" | "sent" | "retry", Database.Statement>;
  private readonly transport: Transporter;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    db: Database.Database,
    private readonly settings: MailerSettings,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.transport = nodemailer.createTransport(settings.smtpUrl);
    this.statements = {
      due: db.prepare(this.sql.dueMessages as string),
      sent: db.prepare(this.sql.markSent as string),
      retry: db.prepare(this.sql.markRetry as string),
    };
  }

  /** Sends every due message once; returns how many were accepted by the server. */
  drain(): Promise<number> {
    this.running ??= this.sendDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sendDue(): Promise<number> {
    const due = this.statements.due.all(toUtcInstant(this.now().getTime()), 50) as Due[];
    let sent = 0;
    for (const m of due) {
      if (this.stopped) break;
      const link = `${this.settings.publicUrl}/suivi/${m.ticket}?jeton=${followupToken(this.settings.secret, m.ticket)}`;
      try {
        await this.transport.sendMail({
          from: this.settings.from,
          to: m.recipient,
          subject: m.subject,
          text: m.body.replaceAll(FOLLOWUP_PLACEHOLDER, link),
          messageId: m.smtp_message_id,
        });
        this.statements.sent.run({ message_id: m.message_id, sent_at: toUtcInstant(this.now().getTime()) });
        sent++;
      } catch (error) {
        const attempts = m.attempts + 1;
        const wait = backoff(attempts, this.settings.backoffMs, this.settings.maxBackoffMs);
        this.statements.retry.run({
          message_id: m.message_id,
          status: attempts >= this.settings.maxAttempts ? "failed" : "pending",
          next_attempt_at: toUtcInstant(this.now().getTime() + wait + 999),
          // The error code only: SMTP replies can echo the recipient's address.
          last_error: (error as { code?: string }).code ?? "SMTP",
        });
      }
    }
    return sent;
  }

  /** Polls the outbox until stopped. */
  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.drain().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.settings.pollMs);
      });
    };
    tick();
  }

  /** Stops polling and waits for the current pass. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }
}
