-- Grain: one row per located report of a non-sensitive category received in the rolling 12 complete
-- months ending before $1 (first day of the snapshot's month), with its reporter's pseudonym for the
-- dominance rule. H3 cells are computed (and coarsened where sparse) in TypeScript.
with final as (
  select
    locations.lat as latitude,
    locations.lon as longitude,
    coalesce(reporters.reporter_hash, reports.report_key) as reporter
  from core.reports as reports
  join private.report_locations as locations using (report_key)
  left join private.report_reporters as reporters using (report_key)
  where reports.privacy_class is distinct from 'sensitive'
    and reports.received_month >= cast($1 as date) - interval 12 month
    and reports.received_month < cast($1 as date)
)

select * from final
