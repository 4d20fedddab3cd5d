-- The DuckDB floor: the headline aggregates of the marts in one pass over core.reports (no Kaplan–Meier,
-- no disclosure columns): monthly volumes by channel, category group, service and district; closure
-- delays (median, quartiles, 90th percentile of closed reports); on-time share; open backlog.
with parameters as (
  select * from meta.run_parameters
),

reports as (
  select
    r.*,
    (epoch(r.first_closed_at) - epoch(r.received_at)) / 86400 as closure_days,
    r.first_closed_at is not null and r.first_closed_at <= r.due_at as is_on_time,
    r.is_open and p.snapshot_at > r.due_at as is_open_overdue
  from core.reports as r
  cross join parameters as p
),

final as (
  select
    received_month,
    channel,
    group_code,
    service_code,
    district_code,
    count(*) as n,
    count(*) filter (where is_open) as n_open,
    count(*) filter (where is_open_overdue) as n_open_overdue,
    avg(cast(is_on_time as integer)) filter (where first_closed_at is not null) as on_time_share,
    median(closure_days) as closure_median,
    quantile_cont(closure_days, [0.25, 0.75, 0.9]) as closure_quantiles
  from reports
  group by grouping sets (
    (received_month, channel, group_code, service_code, district_code),
    (received_month, service_code),
    (received_month, district_code),
    (received_month),
    (service_code, district_code)
  )
)

select * from final
