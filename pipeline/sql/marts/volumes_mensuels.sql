-- Grain: one row per mois × canal × groupe_categorie × code_service × code_quartier with at least one report.
-- part_max_usager = the largest share of the cell's reports made by one reporter (disclosure control).
-- Built month by month: only the months of changed_months (materialization "monthly", see pipeline/sql/models.ts).
with reports as (
  select
    reports.*,
    coalesce(reporters.reporter_hash, reports.report_key) as reporter
  from core.reports as reports
  left join private.report_reporters as reporters using (report_key)
  where reports.received_month in (select debut_mois from changed_months)
),

by_reporter as (
  select received_month, channel, group_code, service_code, district_code, reporter, count(*) as n
  from reports
  group by all
),

final as (
  select
    strftime(received_month, '%Y-%m') as mois,
    case channel when 'phone' then 'telephone' when 'email' then 'courriel' else channel end as canal,
    group_code as groupe_categorie,
    service_code as code_service,
    district_code as code_quartier,
    cast(sum(n) as integer) as nb_signalements,
    round(max(n) / sum(n), 4) as part_max_usager
  from by_reporter
  group by received_month, channel, group_code, service_code, district_code
  order by mois, canal, groupe_categorie, code_service, code_quartier
)

select * from final
