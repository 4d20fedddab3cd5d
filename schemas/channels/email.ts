import { z } from "zod";

/** One message of the reports mailbox, once decoded from the mbox (RFC 5322 / MIME). */
export const emailMessageSchema = z.object({
  message_id: z.string().min(3, "en-tête Message-ID manquant").max(998),
  date: z.iso.datetime({ offset: true, error: "en-tête Date illisible" }),
  from: z.string().default(""),
  subject: z.string().default(""),
  body: z.string().default(""),
});
export type EmailMessage = z.infer<typeof emailMessageSchema>;
