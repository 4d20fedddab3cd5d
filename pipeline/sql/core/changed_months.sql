-- Grain: one row per reception month (debut_mois, and mois as 'YYYY-MM') whose core.reports rows changed in this build: a month holding a
-- report of core.report_scope, or whose report count differs from the last build's (a report left it;
-- one entering it is in the scope); every month on a whole build (meta.core_state empty). Built as the
-- temporary table changed_months before the marts (see pipeline/warehouse/models.ts).
with whole_build as (
  select count(*) = 0 as is_whole from meta.core_state
),

counts as (
  select received_month, count(*) as n from core.reports group by received_month
),

touched as (
  select received_month
  from core.reports
  where report_key in (select report_key from core.report_scope) or (select is_whole from whole_build)
),

recounted as (
  select coalesce(counts.received_month, previous.received_month) as received_month
  from counts
  full join meta.month_counts as previous on previous.received_month = counts.received_month
  where counts.n is distinct from previous.n
),

changed as (
  select received_month from touched
  union
  select received_month from recounted
),

final as (
  select received_month as debut_mois, strftime(received_month, '%Y-%m') as mois from changed
)

select * from final
