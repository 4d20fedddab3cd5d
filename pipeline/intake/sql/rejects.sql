-- Rejects of the intake store, oldest file first, then by line. Grain: one rejected record.
-- Parameter: @source (null = every source).
select r.source, r.file_name, r.line, r.field, r.reason, r.raw, runs.started_at
from rejects r
left join ingestion_runs runs on runs.run_id = r.run_id
where @source is null or r.source = @source
order by r.reject_id;
