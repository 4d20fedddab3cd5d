/** How a generated email looks: subject, MIME shape and header encodings, drawn from the PRNG. */
import type { Category } from "../../schemas/taxonomy.ts";
import type { Rng } from "./prng.ts";
import { INFO_SUBJECTS } from "./vocabulary.ts";

/** MIME shape of the body. */
export type Transfer = "8bit" | "quoted-printable" | "base64" | "multipart";

/** The drawn look of one email. */
export interface EmailStyle {
  subject: string;
  transfer: Transfer;
  /** RFC 2047 encoding of the subject and of the sender's display name. */
  subjectEncoding: "B" | "Q" | "none";
  nameEncoding: "B" | "Q" | "none";
  /** Adds a quoted earlier message whose first line starts with "From " (mboxrd escaping). */
  forwarded: boolean;
}

const TRANSFERS: readonly Transfer[] = ["8bit", "8bit", "quoted-printable", "quoted-printable", "base64", "multipart", "multipart"];

/** Draws the subject and encodings of an email (keywords from the taxonomy in most report subjects). */
export function emailStyle(rng: Rng, category: Category, createsReport: boolean, street: string): EmailStyle {
  let subject: string;
  const keyword = category.email_keywords.length > 0 ? rng.pick(category.email_keywords) : null;
  if (!createsReport) subject = rng.pick(INFO_SUBJECTS);
  else if (keyword && rng.chance(0.8)) {
    const k = keyword.charAt(0).toUpperCase() + keyword.slice(1);
    subject = rng.pick([`${k} ${street}`, `Signalement : ${keyword}`, `${k} dans ma rue`, `Re: ${keyword} toujours là`]);
  } else subject = rng.pick(["Problème dans mon quartier", "Réclamation", "À l'attention des services de la ville"]);
  return {
    subject,
    transfer: rng.pick(TRANSFERS),
    subjectEncoding: rng.chance(0.15) ? "none" : rng.chance(0.5) ? "B" : "Q",
    nameEncoding: rng.chance(0.3) ? "none" : rng.chance(0.5) ? "B" : "Q",
    forwarded: rng.chance(0.05),
  };
}
