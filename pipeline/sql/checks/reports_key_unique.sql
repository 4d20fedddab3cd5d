-- Fails on: a report key present more than once in core.reports.
with final as (
  select report_key, count(*) as n from core.reports group by report_key having count(*) > 1
)

select * from final
