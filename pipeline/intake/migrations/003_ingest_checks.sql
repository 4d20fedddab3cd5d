-- Intake store, version 3: what ingest needs to enforce the back-office rules whatever the file order.
-- The line of each back-office event in its file, so an event found invalid when its channel record
-- arrives later can be moved to the rejects with its file and line.
alter table status_events add column line integer;

-- One `Création` per back-office reference: looked up on every Création row.
create index status_events_creation on status_events (reference) where event_type = 'received';
