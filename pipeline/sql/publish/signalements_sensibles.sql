-- Grain: one row per complete quarter × district (including 'non_localise') with reports of sensitive
-- categories, plus the quarter's city total ('ensemble'): the only table where they are counted. No month:
-- a finer period next to suppressed cells would give them back by difference; the city total is published
-- only when the suppressed districts still cover each other (see pipeline/publish/disclosure.ts).
-- part_max_declarant = the largest share of the cell made by one reporter (dominance rule).
-- $1 = first day of the snapshot's month (Paris): quarters not over by then are not published.
with reports as (
  select
    date_trunc('quarter', reports.received_month) as debut_trimestre,
    reports.district_code,
    coalesce(reporters.reporter_hash, reports.report_key) as reporter
  from core.reports as reports
  left join private.report_reporters as reporters using (report_key)
  where reports.privacy_class = 'sensitive'
    and date_trunc('quarter', reports.received_month) + interval 3 month <= cast($1 as date)
),

by_reporter as (
  select debut_trimestre, coalesce(district_code, 'ensemble') as district_code, reporter, count(*) as n
  from reports
  group by grouping sets ((debut_trimestre, district_code, reporter), (debut_trimestre, reporter))
),

final as (
  select
    'trimestre' as type_periode,
    strftime(debut_trimestre, '%Y') || '-T' || cast(quarter(debut_trimestre) as varchar) as periode,
    strftime(debut_trimestre, '%Y-%m-%d') as debut_periode,
    strftime(debut_trimestre + interval 3 month - interval 1 day, '%Y-%m-%d') as fin_periode,
    district_code as code_quartier,
    cast(sum(n) as integer) as nb_signalements,
    round(max(n) / sum(n), 4) as part_max_declarant
  from by_reporter
  group by debut_trimestre, district_code
  order by periode, code_quartier
)

select * from final
