-- Fails on: a report whose district is neither a reference district nor 'non_localise'.
with final as (
  select report_key, district_code
  from core.reports
  where district_code <> 'non_localise' and district_code not in (select code from ref.districts)
)

select * from final
