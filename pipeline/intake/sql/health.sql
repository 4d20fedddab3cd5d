-- Channel health: one row per source = last record time and volumes since two cut-offs.
-- Grain: source. Parameters: @since7, @since30 (UTC instants).
with records as (
  select channel as source, received_at as at from reports where channel in ('web', 'app')
  union all
  select channel as source, received_at as at from contacts where kind in ('call_handled', 'email_handled')
  union all
  select source, occurred_at as at from status_events where source = 'backoffice'
),
final as (
  select
    source,
    max(at) as last_at,
    sum(case when at >= @since7 then 1 else 0 end) as n_7d,
    sum(case when at >= @since30 then 1 else 0 end) as n_30d,
    count(*) as n_total
  from records
  group by source
)
select * from final;
