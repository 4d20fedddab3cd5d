-- Grain: one row per code_service × code_quartier × tranche_anciennete with open reports at the snapshot.
-- Sensitive categories left out. Age in whole days since reception; buckets 0-7, 8-15, 16-30, 31-90, >90 days; nb_en_retard = past due_at.
with open_reports as (
  select service_code, district_code, age_days, is_open_overdue
  from core.report_sla
  where is_open and privacy_class is distinct from 'sensitive'
),

bucketed as (
  select
    *,
    case
      when age_days <= 7 then '0_7_jours'
      when age_days <= 15 then '8_15_jours'
      when age_days <= 30 then '16_30_jours'
      when age_days <= 90 then '31_90_jours'
      else 'plus_de_90_jours'
    end as tranche_anciennete,
    case when age_days <= 7 then 1 when age_days <= 15 then 2 when age_days <= 30 then 3 when age_days <= 90 then 4 else 5 end
      as bucket_order
  from open_reports
),

final as (
  select
    cast(timezone('Europe/Paris', (select snapshot_at from meta.run_parameters)) as date) as date_extraction,
    service_code as code_service,
    district_code as code_quartier,
    tranche_anciennete,
    cast(count(*) as integer) as nb_en_cours,
    cast(count(*) filter (where is_open_overdue) as integer) as nb_en_retard
  from bucketed
  group by service_code, district_code, tranche_anciennete, bucket_order
  order by code_service, code_quartier, bucket_order
)

select * from final
