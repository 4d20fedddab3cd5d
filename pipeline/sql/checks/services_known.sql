-- Fails on: a report whose current service is not in the service registry.
with final as (
  select report_key, service_code
  from core.reports
  where service_code not in (select code from ref.services)
)

select * from final
