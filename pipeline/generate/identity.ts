/**
 * Synthetic identities and PII-looking free text, all drawn from the PRNG, so that later stages
 * (anonymisation, disclosure control) have realistic material to remove.
 */
import type { Rng } from "./prng.ts";
import { FIRST_NAMES, LAST_NAMES, MAIL_DOMAINS } from "./vocabulary.ts";

/** An invented resident. */
export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

const ASCII: Record<string, string> = { é: "e", è: "e", ê: "e", ë: "e", à: "a", â: "a", ï: "i", î: "i", ô: "o", ç: "c", ü: "u" };

/** Lowercase ASCII form of a name for an email local part. */
export function mailSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[éèêëàâïîôçü]/g, (c) => ASCII[c] ?? c)
    .replace(/[^a-z0-9]+/g, "-");
}

/** A French mobile or landline number in one of the usual written forms. */
export function phoneNumber(rng: Rng): string {
  const first = rng.chance(0.75) ? rng.pick(["6", "7"]) : "3";
  const pairs = [rng.int(10, 99), rng.int(0, 99), rng.int(0, 99), rng.int(0, 99)].map((n) => String(n).padStart(2, "0"));
  const digits = [`0${first}`, ...pairs];
  switch (rng.int(0, 3)) {
    case 0:
      return digits.join(" ");
    case 1:
      return digits.join("");
    case 2:
      return `+33 ${first} ${pairs.join(" ")}`;
    default:
      return digits.join(".");
  }
}

const LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ";

/** A French SIV licence plate, `AB-123-CD`. */
export function licencePlate(rng: Rng): string {
  const l = () => rng.pick(LETTERS.split(""));
  return `${l()}${l()}-${String(rng.int(1, 999)).padStart(3, "0")}-${l()}${l()}`;
}

/** A new invented resident. */
export function person(rng: Rng): Person {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const local = rng.chance(0.5) ? `${mailSlug(firstName)}.${mailSlug(lastName)}` : `${mailSlug(firstName)}${rng.int(1, 99)}`;
  return { firstName, lastName, email: `${local}@${rng.pick(MAIL_DOMAINS)}`, phone: phoneNumber(rng) };
}

/** A few residents who report again and again (the same identity across many reports). */
export function prolificReporters(rng: Rng, count: number): Person[] {
  return Array.from({ length: count }, () => person(rng));
}

/** A PII-looking sentence to append to a description or comment, or "" most of the time. */
export function piiTail(rng: Rng, who: Person, p = 0.25): string {
  if (!rng.chance(p)) return "";
  switch (rng.int(0, 4)) {
    case 0:
      return ` Vous pouvez me joindre au ${phoneNumber(rng)}.`;
    case 1:
      return ` Merci de répondre à ${who.email}.`;
    case 2:
      return ` Signé ${who.firstName} ${who.lastName}.`;
    case 3:
      return ` Le véhicule immatriculé ${licencePlate(rng)} est encore garé là.`;
    default:
      return ` C'est M. ${rng.pick(LAST_NAMES)}, au 2e étage, qui dépose tout ça.`;
  }
}

/** Agent names per service, invented once per run. */
export function agentPool(rng: Rng, size: number): string[] {
  return Array.from({ length: size }, () => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`);
}
