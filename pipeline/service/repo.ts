/**
 * The intake service's adapter on the intake store: reports land in the same `reports` table as the
 * batch ingestion, events in `status_events` (source `api`), and the messages they announce in the
 * outbox, all in one transaction.
 */
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { EventType, Report } from "../../schemas/report.ts";
import { readNamedSql } from "../intake/store.ts";
import type { ReferenceData } from "../reference.ts";
import { type Durable, GroupCommitter } from "./commit.ts";
import { type Stage, stageOf } from "./lifecycle.ts";
import { acknowledgementMessage, type Message, type PublicContact, stageMessage } from "./notify.ts";
import { newTicket, sha256 } from "./secrets.ts";
import { SERVICE_SQL_FILE } from "./sqlFile.ts";

/** A report as the service sees it. */
export interface TicketRow {
  report_id: number;
  channel: "web" | "app";
  source_id: string;
  received_at: string;
  category_code: string;
  service_code: string | null;
  district_code: string | null;
  reporter_email: string | null;
  token_hash: string;
}

/** One event of a report's log, without agent names or internal comments. */
export interface EventRow {
  event_id: number;
  event_type: EventType;
  occurred_at: string;
  service_code: string | null;
  resolution_code: string | null;
  planned_date: string | null;
  complaint_reason: string | null;
  public_note: string | null;
}

/** A new event for the API to write. */
export interface NewEvent {
  event_type: EventType;
  occurred_at: string;
  service_code: string | null;
  agent: string | null;
  resolution_code: string | null;
  planned_date: string | null;
  complaint_reason: string | null;
  comment: string | null;
  public_note: string | null;
}

/** The state of one report: its row, its log, its stage and current service. */
export interface ReportState {
  row: TicketRow;
  events: EventRow[];
  stage: Stage;
  service: string | null;
  plannedDate: string | null;
}

/** The service's reads and writes on the store. */
export class ServiceRepo {
  readonly committer: GroupCommitter;
  private readonly s: Record<string, Database.Statement>;

  constructor(
    readonly db: Database.Database,
    private readonly ref: ReferenceData,
    durable?: Durable,
  ) {
    this.committer = new GroupCommitter(db, { durable });
    this.s = Object.fromEntries(Object.entries(readNamedSql(SERVICE_SQL_FILE)).map(([k, sql]) => [k, db.prepare(sql)]));
  }

  private st(name: string): Database.Statement {
    const statement = this.s[name];
    if (!statement) throw new Error(`requête inconnue : ${name}`);
    return statement;
  }

  /** The public contact of a service, or of the district director's office for an escalated report. */
  contact(serviceCode: string | null, escalatedDistrict?: string | null): PublicContact {
    if (escalatedDistrict) {
      const director = this.ref.services.district_directors.find((d) => d.district === escalatedDistrict);
      if (director) return { label: director.label, ...director.contact };
    }
    const service = this.ref.services.services.find((s) => s.code === serviceCode) ?? this.ref.services.services[0];
    if (!service) throw new Error("registre des services vide");
    return { label: service.label, email: service.contact.email, phone: service.contact.phone };
  }

  /** The default service of a category. */
  defaultService(categoryCode: string): string | null {
    return this.ref.taxonomy.categories.find((c) => c.code === categoryCode)?.default_service ?? null;
  }

  /** The ticket an idempotency key already produced, if any. */
  replay(keyHash: string): { ticket: string; event_id: number | null } | null {
    return (this.st("findIdempotency").get(keyHash) as { ticket: string; event_id: number | null } | undefined) ?? null;
  }

  /**
   * Stores a new web/app report with its `received` event, ticket, idempotency key and acknowledgement
   * message, durably; a key already used returns its ticket instead (`created` false).
   */
  submit(report: Omit<Report, "source_id">, keyHash: string, tokenHash: (ticket: string) => string, now: string) {
    return this.committer.run(() => {
      const seen = this.replay(keyHash);
      if (seen) return { ticket: seen.ticket, created: false };
      const ticket = newTicket();
      const info = this.st("insertReport").run({ ...report, source_id: ticket });
      const reportId = Number(info.lastInsertRowid);
      this.st("insertTicket").run({ ticket, report_id: reportId, token_hash: tokenHash(ticket), created_at: now });
      this.insertEvent(ticket, report.channel, {
        event_type: "received",
        occurred_at: report.received_at,
        service_code: null,
        agent: null,
        resolution_code: null,
        planned_date: null,
        complaint_reason: null,
        comment: null,
        public_note: null,
      });
      this.st("insertIdempotency").run({ key_hash: keyHash, kind: "request", ticket, event_id: null, created_at: now });
      if (report.reporter_email) {
        const service = report.service_code ?? this.defaultService(report.category_code);
        this.enqueue(ticket, report.reporter_email, `${ticket}|ack`, acknowledgementMessage(ticket, this.contact(service)), now);
      }
      return { ticket, created: true };
    });
  }

  /** The state of a report, or null for an unknown ticket. */
  state(ticket: string): ReportState | null {
    const row = this.st("reportByTicket").get(ticket) as TicketRow | undefined;
    if (!row) return null;
    const events = this.st("eventsOf").all(row.channel, row.source_id) as EventRow[];
    let service = row.service_code;
    let plannedDate: string | null = null;
    for (const e of events) {
      if (e.service_code && (e.event_type === "routed" || e.event_type === "rerouted")) service = e.service_code;
      if (e.planned_date) plannedDate = e.planned_date;
    }
    return {
      row,
      events,
      stage: stageOf(events.map((e) => e.event_type)),
      service: service ?? this.defaultService(row.category_code),
      plannedDate,
    };
  }

  /**
   * Appends events to a report in one durable transaction, checked by `check` against the state read
   * inside the transaction (so two concurrent actions cannot both pass); each event is announced to
   * the resident when an address is known. Returns the ids, or the refusal from `check`.
   */
  append(
    ticket: string,
    keyHash: string | null,
    check: (state: ReportState) => { status: number; reason: string } | null,
    events: NewEvent[],
    now: string,
  ): Promise<{ ok: true; eventIds: number[]; replayed: boolean } | { ok: false; reason: string; status: number }> {
    return this.committer.run(() => {
      if (keyHash) {
        const seen = this.replay(keyHash);
        if (seen) return { ok: true as const, eventIds: seen.event_id === null ? [] : [seen.event_id], replayed: true };
      }
      const state = this.state(ticket);
      if (!state) return { ok: false as const, reason: "signalement introuvable", status: 404 };
      const refused = check(state);
      if (refused) return { ok: false as const, ...refused };
      const ids = events.map((e) => this.insertEvent(ticket, state.row.channel, e));
      if (keyHash)
        this.st("insertIdempotency").run({
          key_hash: keyHash,
          kind: "event",
          ticket,
          event_id: ids[ids.length - 1] ?? null,
          created_at: now,
        });
      const after = this.state(ticket) as ReportState;
      if (state.row.reporter_email) this.announce(after, ids, events, now);
      return { ok: true as const, eventIds: ids, replayed: false };
    });
  }

  private announce(state: ReportState, ids: number[], events: NewEvent[], now: string): void {
    events.forEach((e, i) => {
      if (e.event_type === "complaint" || e.event_type === "thanks" || e.event_type === "received") return;
      const escalated = e.event_type === "escalated" ? state.row.district_code : null;
      const message = stageMessage(state.row.source_id, e.event_type, {
        contact: this.contact(state.service, escalated),
        plannedDate: e.planned_date,
        resolutionCode: e.resolution_code,
        publicNote: e.public_note,
      });
      this.enqueue(state.row.source_id, state.row.reporter_email as string, `${state.row.source_id}|event|${ids[i]}`, message, now);
    });
  }

  private insertEvent(ticket: string, channel: string, e: NewEvent): number {
    const info = this.st("insertEvent").run({
      ...e,
      source_key: randomUUID(),
      reference: ticket,
      origin_channel: channel,
      origin_ref: ticket,
    });
    return Number(info.lastInsertRowid);
  }

  private enqueue(ticket: string, recipient: string, key: string, m: Message, now: string): void {
    const smtpId = `<${sha256(key).slice(0, 32)}@signalements.invalid>`;
    this.st("enqueueMessage").run({
      message_key: key,
      smtp_message_id: smtpId,
      ticket,
      recipient,
      subject: m.subject,
      body: m.body,
      created_at: now,
    });
  }

  /** Everything stored about a report, personal data included: for authenticated staff only. */
  fullReport(ticket: string): Record<string, unknown> | null {
    return (this.st("reportForAgent").get(ticket) as Record<string, unknown> | undefined) ?? null;
  }

  /** One page of public tickets (filters bound as parameters). */
  list(
    filters: { category_code: string | null; status: string | null; start_date: string | null; end_date: string | null },
    limit: number,
    offset: number,
    hidden: string[],
  ) {
    return this.st("listTickets").all({ ...filters, limit, offset, hidden: JSON.stringify(hidden) }) as {
      ticket: string;
      received_at: string;
      category_code: string;
      service_code: string | null;
      district_code: string | null;
    }[];
  }
}
