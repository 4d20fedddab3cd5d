/** Pure validation of one decoded email into a handled contact. */
import { emailMessageSchema } from "../../schemas/channels/email.ts";
import { toUtcInstant } from "../core/time.ts";
import type { Classifier } from "./classify.ts";
import { instantProblem, type Outcome, refuse, refuseZod } from "./records.ts";

/** The fields of a decoded message (from a MIME parser), before validation. */
export interface DecodedEmail {
  messageId?: string | undefined;
  date?: string | undefined;
  from?: string | undefined;
  subject?: string | undefined;
  body?: string | undefined;
}

/** What validating an email needs. */
export interface EmailContext {
  classifier: Classifier;
  nowMs: number;
}

/** Validates one message into a contact (category from subject keywords), or says why not. */
export function normalizeEmail(message: DecodedEmail, ctx: EmailContext): Outcome {
  const parsed = emailMessageSchema.safeParse({
    message_id: (message.messageId ?? "").trim(),
    date: message.date ?? "",
    from: message.from ?? "",
    subject: message.subject ?? "",
    body: message.body ?? "",
  });
  if (!parsed.success) {
    const refused = refuseZod(parsed.error);
    return refuse(refused.field === "message_id" ? "Message-ID" : refused.field === "date" ? "Date" : refused.field, refused.reason);
  }
  const m = parsed.data;
  const epochMs = Date.parse(m.date);
  const problem = instantProblem(epochMs, ctx.nowMs);
  if (problem) return refuse("Date", problem);
  const subject = m.subject.trim();
  return {
    ok: true,
    warnings: [],
    contact: {
      channel: "email",
      source_id: m.message_id,
      kind: "email_handled",
      received_at: toUtcInstant(epochMs),
      outcome: null,
      category_code: ctx.classifier.byEmailSubject(subject),
      sender: m.from === "" ? null : m.from,
      subject: subject === "" ? null : subject,
      body: m.body === "" ? null : m.body,
    },
  };
}
