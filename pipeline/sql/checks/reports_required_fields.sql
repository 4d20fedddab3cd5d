-- Fails on: a report without reception time, category, group, service, district or due date.
with final as (
  select report_key
  from core.reports
  where received_at is null or category_code is null or group_code is null or service_code is null
    or district_code is null or due_at is null
)

select * from final
