/** Secrets of the intake service: API keys, ticket numbers, follow-up tokens. Only hashes are stored. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type Database from "better-sqlite3";
import { readNamedSql } from "../intake/store.ts";
import type { Role } from "./lifecycle.ts";
import { RandomPool } from "./randomPool.ts";
import { SERVICE_SQL_FILE } from "./sqlFile.ts";

const SQL = readNamedSql(SERVICE_SQL_FILE);

/** SHA-256 hex of a text. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Random bytes of the ticket numbers, drawn in large chunks (one CSPRNG call per about 6 500 tickets). */
const ticketBytes = new RandomPool();

/** A new ticket number, `SIG-XXXXX-XXXXX` (50 random bits, Crockford base32: no I, L, O, U). */
export function newTicket(pool: RandomPool = ticketBytes): string {
  const b = pool.take(10);
  let chars = "SIG-";
  for (let i = 0; i < 10; i++) {
    if (i === 5) chars += "-";
    chars += CROCKFORD[(b[i] as number) & 31];
  }
  return chars;
}

/** The follow-up token of a ticket: HMAC of the ticket under the service secret, so a retry can give it again without storing it. */
export function followupToken(secret: string, ticket: string): string {
  return createHmac("sha256", secret).update(`suivi:${ticket}`).digest("base64url");
}

/** An API key's owner, as read from the store. */
export interface KeyOwner {
  key_id: number;
  role: Role;
  label: string;
  district_code: string | null;
}

/** Creates an API key; returns the key itself (shown once) and its id. */
export function createKey(
  db: Database.Database,
  input: { role: Role; label: string; district: string | null },
  now: string,
): { key: string; keyId: number; prefix: string } {
  const key = `sig_${randomBytes(32).toString("base64url")}`;
  const prefix = key.slice(0, 12);
  const info = db
    .prepare(SQL.insertKey as string)
    .run({ key_hash: sha256(key), prefix, role: input.role, label: input.label, district_code: input.district, created_at: now });
  return { key, keyId: Number(info.lastInsertRowid), prefix };
}

/** The key look-up statement per connection: it runs on every authenticated request. */
const keyStatements = new WeakMap<Database.Database, Database.Statement>();

/** The owner of a valid, unrevoked key, or null. */
export function findKey(db: Database.Database, key: string): KeyOwner | null {
  if (!/^sig_[A-Za-z0-9_-]{43}$/.test(key)) return null;
  let statement = keyStatements.get(db);
  if (!statement) {
    statement = db.prepare(SQL.keyByHash as string);
    keyStatements.set(db, statement);
  }
  return (statement.get(sha256(key)) as KeyOwner | undefined) ?? null;
}

/** A key as listed (never the key itself). */
export interface KeyRow {
  key_id: number;
  prefix: string;
  role: Role;
  label: string;
  district_code: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** Every key, revoked ones included. */
export function listKeys(db: Database.Database): KeyRow[] {
  return db.prepare(SQL.listKeys as string).all() as KeyRow[];
}

/** Revokes a key by id or prefix; returns how many keys were revoked. */
export function revokeKey(db: Database.Database, idOrPrefix: string, now: string): number {
  const id = /^\d+$/.test(idOrPrefix) ? Number(idOrPrefix) : -1;
  return db.prepare(SQL.revokeKey as string).run({ key_id: id, prefix: idOrPrefix, revoked_at: now }).changes;
}
