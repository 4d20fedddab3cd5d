-- Intake store, version 2: the HTTP intake service (Open311, agent API, resident follow-up, notifications).
-- Secrets (API keys, follow-up tokens) are stored only as SHA-256 hashes.

-- API keys of trusted channels and city staff, scoped by role.
create table api_keys (
  key_id integer primary key,
  key_hash text not null unique,        -- sha256 hex of the whole key
  prefix text not null,                 -- first characters, shown in listings to tell keys apart
  role text not null check (role in ('channel', 'agent', 'district_director', 'admin')),
  label text not null,                  -- team or application name
  district_code text,                   -- for a district director
  created_at text not null,
  revoked_at text
);

-- Tickets given to residents: the report's number and the hash of the secret follow-up token.
create table tickets (
  ticket text primary key,              -- = reports.source_id of a web/app report
  report_id integer not null unique references reports (report_id),
  token_hash text not null,
  created_at text not null
);

-- Idempotency keys of POSTed requests and events: a retry returns the original result.
create table idempotency_keys (
  key_hash text primary key,            -- sha256 of scope + client key (or of the normalized body)
  kind text not null check (kind in ('request', 'event')),
  ticket text not null,
  event_id integer references status_events (event_id),
  created_at text not null
);

-- The public note of an event (closure: what was done), shown to the resident only.
alter table status_events add column public_note text;

-- Messages to residents, written in the same transaction as the event they announce.
create table outbox (
  message_id integer primary key,
  message_key text not null unique,     -- what the message announces: never two messages for one stage
  smtp_message_id text not null unique, -- RFC 5322 Message-ID, fixed before the first attempt
  ticket text not null,
  recipient text not null,
  subject text not null,
  body text not null,
  created_at text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at text not null,
  last_error text,
  sent_at text
);
create index outbox_due on outbox (status, next_attempt_at);
