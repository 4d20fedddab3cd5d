-- Grain: one row per complete month × canal × groupe_categorie × code_service × code_quartier, where at
-- most one of the four dimensions is detailed and the others are 'ensemble' (the month's total and its
-- one-way breakdowns). Finer crossings are almost all below the threshold at a city's volume (about 70
-- reports a month): they would be suppressed, so they are not published. part_max_declarant = the
-- largest share of the cell made by one reporter.
-- Sensitive categories are counted only at month × district: they appear in rows whose canal and
-- code_service are both 'ensemble', never crossed with a channel or a service.
-- $1 = first day of the snapshot's month (Paris): months from it on are not over and not published.
with reports as (
  select
    strftime(reports.received_month, '%Y-%m') as mois,
    case reports.channel when 'phone' then 'telephone' when 'email' then 'courriel' else reports.channel end as canal,
    reports.group_code,
    reports.service_code,
    reports.district_code,
    reports.privacy_class = 'sensitive' as is_sensitive,
    coalesce(reporters.reporter_hash, reports.report_key) as reporter
  from core.reports as reports
  left join private.report_reporters as reporters using (report_key)
  where reports.received_month < cast($1 as date)
),

open_cube as (
  select
    mois, reporter,
    coalesce(canal, 'ensemble') as canal,
    coalesce(group_code, 'ensemble') as groupe_categorie,
    coalesce(service_code, 'ensemble') as code_service,
    coalesce(district_code, 'ensemble') as code_quartier,
    count(*) as n
  from reports
  where not is_sensitive
  group by grouping sets ((mois, reporter), (mois, reporter, canal), (mois, reporter, group_code), (mois, reporter, service_code), (mois, reporter, district_code))
),

sensitive_cube as (
  select
    mois, reporter,
    'ensemble' as canal,
    coalesce(group_code, 'ensemble') as groupe_categorie,
    'ensemble' as code_service,
    coalesce(district_code, 'ensemble') as code_quartier,
    count(*) as n
  from reports
  where is_sensitive
  group by grouping sets ((mois, reporter), (mois, reporter, group_code), (mois, reporter, district_code))
),

by_reporter as (
  select mois, reporter, canal, groupe_categorie, code_service, code_quartier, sum(n) as n
  from (select * from open_cube union all select * from sensitive_cube)
  group by all
),

final as (
  select
    mois, canal, groupe_categorie, code_service, code_quartier,
    cast(sum(n) as integer) as nb_signalements,
    round(max(n) / sum(n), 4) as part_max_declarant
  from by_reporter
  group by mois, canal, groupe_categorie, code_service, code_quartier
  order by mois, canal, groupe_categorie, code_service, code_quartier
)

select * from final
