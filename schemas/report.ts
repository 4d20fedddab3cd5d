import { z } from "zod";

/** Channels through which residents report. */
export const CHANNELS = ["web", "app", "phone", "email", "counter"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/** The lifecycle event codes of the status log (DESIGN.md, "status lifecycle"). */
export const EVENT_TYPES = [
  "received",
  "acknowledged",
  "routed",
  "rerouted",
  "escalated",
  "scheduled",
  "in_progress",
  "closed",
  "reopened",
  "complaint",
  "thanks",
] as const;
export const eventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof eventTypeSchema>;

/** Why a resident complained after closure. */
export const COMPLAINT_REASONS = ["trop_lent", "partiel", "non_fait"] as const;

/** A UTC instant written as `YYYY-MM-DDTHH:MM:SSZ`, the only datetime form stored. */
export const utcInstantSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, "instant UTC attendu au format AAAA-MM-JJTHH:MM:SSZ");

/** A calendar date `YYYY-MM-DD`. */
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date attendue au format AAAA-MM-JJ");

/**
 * The canonical report, as stored in the intake store: one resident request from one channel.
 * Personal fields (reporter_*, description, address, lat/lon, media_url) stay inside the store.
 */
export const reportSchema = z.object({
  channel: channelSchema,
  source_id: z.string().min(1).max(998),
  received_at: utcInstantSchema,
  category_code: z.string().min(1),
  raw_category: z.string().nullable(),
  service_code: z.string().nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  district_code: z.string().nullable(),
  address: z.string().nullable(),
  reporter_name: z.string().nullable(),
  reporter_email: z.string().nullable(),
  reporter_phone: z.string().nullable(),
  description: z.string().nullable(),
  media_url: z.string().nullable(),
});
export type Report = z.infer<typeof reportSchema>;

/** One status event of the lifecycle log, from the back-office export or the agent API. */
export const statusEventSchema = z.object({
  source: z.enum(["backoffice", "api"]),
  /** The source's own key for this event; unique per source. */
  source_key: z.string().min(1),
  /** The back-office reference (or the intake ticket number) of the report. */
  reference: z.string().min(1),
  origin_channel: channelSchema,
  /** The channel's own id of the report: web/app request id, call number, Message-ID. */
  origin_ref: z.string().min(1),
  event_type: eventTypeSchema,
  occurred_at: utcInstantSchema,
  service_code: z.string().nullable(),
  agent: z.string().nullable(),
  resolution_code: z.string().nullable(),
  planned_date: dateSchema.nullable(),
  complaint_reason: z.enum(COMPLAINT_REASONS).nullable(),
  comment: z.string().nullable(),
});
export type StatusEvent = z.infer<typeof statusEventSchema>;

/** A handled contact that is not itself a report: an email read, a call answered, a work order. */
export const contactSchema = z.object({
  channel: channelSchema,
  source_id: z.string().min(1).max(998),
  kind: z.enum(["email_handled", "call_handled", "work_order"]),
  received_at: utcInstantSchema,
  outcome: z.string().nullable(),
  category_code: z.string().nullable(),
  /** Personal: sender address or caller, subject, body or comment. Kept in the store only. */
  sender: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;
