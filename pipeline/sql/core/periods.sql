-- Grain: one row per reception month × period containing it (month, quarter, year, rolling 12 months).
-- The rolling window ends at the last complete month before the snapshot (Europe/Paris calendar).
with months as (
  select distinct received_month as debut_mois from core.reports
),

snapshot_month as (
  select
    cast(date_trunc('month', timezone('Europe/Paris', snapshot_at)) as date) as current_month,
    cast(timezone('Europe/Paris', snapshot_at) as date) as snapshot_date
  from meta.run_parameters
),

by_period as (
  select debut_mois, strftime(debut_mois, '%Y-%m') as periode, 'mois' as type_periode,
    debut_mois as debut_periode, last_day(debut_mois) as fin_periode
  from months
  union all
  select debut_mois, strftime(debut_mois, '%Y') || '-T' || quarter(debut_mois), 'trimestre',
    cast(date_trunc('quarter', debut_mois) as date), last_day(cast(date_trunc('quarter', debut_mois) + interval 2 month as date))
  from months
  union all
  select debut_mois, strftime(debut_mois, '%Y'), 'annee',
    cast(date_trunc('year', debut_mois) as date), cast(date_trunc('year', debut_mois) + interval 11 month + interval 30 day as date)
  from months
  union all
  select months.debut_mois, '12_mois_glissants', '12_mois_glissants',
    cast(s.current_month - interval 12 month as date), cast(s.current_month - interval 1 day as date)
  from months
  cross join snapshot_month as s
  where months.debut_mois >= s.current_month - interval 12 month and months.debut_mois < s.current_month
),

final as (
  select by_period.*, by_period.fin_periode < s.snapshot_date as periode_complete
  from by_period
  cross join snapshot_month as s
)

select * from final
