/** Reporter identity for disclosure control (pure): a hash of the normalised email, else phone, else name. */
import { hash as digest } from "node:crypto";

/** Printable ASCII: nothing to decompose, no diacritic to strip. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Lower-cases, strips accents and collapses spaces. */
function normaliseText(value: string): string {
  if (PLAIN_ASCII.test(value)) return value.toLowerCase().replace(/\s+/g, " ").trim();
  return value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Keeps the digits of a French phone number, `+33`/`0033` folded to a leading 0. */
function normalisePhone(value: string): string {
  const digits = value.replace(/\D/g, "");
  if (digits.startsWith("0033")) return `0${digits.slice(4)}`;
  if (digits.startsWith("33") && digits.length === 11) return `0${digits.slice(2)}`;
  return digits;
}

/** The normalised identity key of a reporter (`email:`, `phone:` or `name:`), or null when nothing identifies them. */
export function reporterKey(email: string | null, phone: string | null, name: string | null): string | null {
  const e = email ? normaliseText(email) : "";
  if (e) return `email:${e}`;
  const p = phone ? normalisePhone(phone) : "";
  if (p.length >= 6) return `phone:${p}`;
  const n = name ? normaliseText(name) : "";
  return n ? `name:${n}` : null;
}

/** SHA-256 (hex) of the reporter key; the raw identity never leaves the store. */
export function reporterHash(email: string | null, phone: string | null, name: string | null): string | null {
  const key = reporterKey(email, phone, name);
  return key === null ? null : digest("sha256", key, "hex");
}
