/** Bodies and queries of the intake service (Open311 POST and GET, agent events, resident feedback), French messages. */
import { z } from "zod";
import { RESOLUTION_CODES } from "./channels/backoffice.ts";
import { COMPLAINT_REASONS, dateSchema } from "./report.ts";

/** An optional form or JSON field: empty strings count as absent. */
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().max(max, `texte trop long (plus de ${max} caractères)`).optional());
const optionalNumber = (name: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : blankToUndefined(v)),
    z
      .number({ error: `${name} doit être un nombre` })
      .min(min, `${name} hors limites`)
      .max(max, `${name} hors limites`)
      .optional(),
  );

/** Open311 GeoReport v2 `POST requests.json`, as JSON or form fields; the server assigns the id. */
export const open311PostSchema = z.object({
  api_key: optionalText(200),
  service_code: z.string({ error: "service_code manquant" }).min(1, "service_code vide").max(64, "service_code trop long"),
  description: optionalText(4000),
  lat: optionalNumber("lat", -90, 90),
  long: optionalNumber("long", -180, 180),
  address_string: optionalText(500),
  requested_datetime: z.preprocess(
    blankToUndefined,
    z.iso.datetime({ offset: true, error: "requested_datetime doit être une date ISO 8601 avec fuseau" }).optional(),
  ),
  first_name: optionalText(200),
  last_name: optionalText(200),
  email: z.preprocess(blankToUndefined, z.email("adresse de courriel invalide").max(320).optional()),
  phone: optionalText(50),
  media_url: z.preprocess(blankToUndefined, z.url("media_url doit être une adresse web").max(2000).optional()),
  device: z.preprocess(blankToUndefined, z.enum(["web", "app"], { error: "device doit valoir « web » ou « app »" }).default("web")),
});
export type Open311Post = z.infer<typeof open311PostSchema>;

/** Open311 `GET requests.json` filters and paging. */
export const open311QuerySchema = z.object({
  service_code: optionalText(64),
  status: z.preprocess(blankToUndefined, z.enum(["open", "closed"], { error: "status doit valoir « open » ou « closed »" }).optional()),
  start_date: z.preprocess(
    blankToUndefined,
    z.iso.datetime({ offset: true, error: "start_date doit être une date ISO 8601 avec fuseau" }).optional(),
  ),
  end_date: z.preprocess(
    blankToUndefined,
    z.iso.datetime({ offset: true, error: "end_date doit être une date ISO 8601 avec fuseau" }).optional(),
  ),
  page: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "page doit être un entier" })
      .int("page doit être un entier")
      .min(1, "page commence à 1")
      .max(100_000)
      .default(1),
  ),
  page_size: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "page_size doit être un entier" })
      .int("page_size doit être un entier")
      .min(1, "page_size entre 1 et 200")
      .max(200, "page_size entre 1 et 200")
      .default(50),
  ),
});

/** A real calendar date `YYYY-MM-DD` (the regex alone lets 2026-02-30 through). */
const calendarDate = dateSchema.refine((d) => {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
}, "date inexistante");

/** An agent action on a report; what each action requires is checked by `agentEventSchema`. */
export const agentEventSchema = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("acknowledge"), comment: optionalText(2000) }),
    z.object({
      action: z.literal("route"),
      service_code: z.string({ error: "service_code manquant" }).min(1),
      comment: optionalText(2000),
    }),
    z.object({
      action: z.literal("reroute"),
      service_code: z.string({ error: "service_code manquant" }).min(1),
      comment: optionalText(2000),
    }),
    z.object({ action: z.literal("escalate"), comment: optionalText(2000) }),
    z.object({ action: z.literal("schedule"), planned_date: calendarDate, comment: optionalText(2000) }),
    z.object({ action: z.literal("start"), comment: optionalText(2000) }),
    z.object({
      action: z.literal("close"),
      resolution_code: z.enum(RESOLUTION_CODES, { error: `resolution_code doit valoir ${RESOLUTION_CODES.join(", ")}` }),
      public_note: z.string({ error: "public_note manquante" }).min(1, "public_note vide").max(2000, "public_note trop longue"),
      comment: optionalText(2000),
    }),
    z.object({ action: z.literal("reopen"), comment: optionalText(2000) }),
  ],
  { error: "action inconnue (acknowledge, route, reroute, escalate, schedule, start, close, reopen)" },
);
export type AgentEvent = z.infer<typeof agentEventSchema>;

/** A resident's feedback after closure, from the follow-up page (form) or JSON. */
export const feedbackSchema = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("reclamation"),
      motif: z.enum(COMPLAINT_REASONS, { error: "motif doit valoir trop_lent, partiel ou non_fait" }),
      commentaire: optionalText(2000),
      jeton: optionalText(200),
    }),
    z.object({ type: z.literal("remerciement"), commentaire: optionalText(2000), jeton: optionalText(200) }),
  ],
  { error: "type doit valoir « reclamation » ou « remerciement »" },
);
export type Feedback = z.infer<typeof feedbackSchema>;
