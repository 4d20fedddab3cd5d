-- Grain: one row per axe (service, quartier, ensemble) × code × periode: counts over the cohort of
-- reports received in the period (SLA standing at the snapshot, feedback, reroutes, escalations).
-- Sensitive categories are left out: only their counts by district and quarter are published.
with reports as (
  select * from core.report_sla where privacy_class is distinct from 'sensitive'
),

monthly as (
  select
    case when grouping(service_code) = 0 then 'service' when grouping(district_code) = 0 then 'quartier' else 'ensemble' end as axe,
    coalesce(service_code, district_code, 'ensemble') as code,
    received_month as debut_mois,
    count(*) as n,
    count(*) filter (where sla_status = 'dans_les_delais') as nb_dans_les_delais,
    count(*) filter (where sla_status = 'hors_delais') as nb_hors_delais,
    count(*) filter (where sla_status = 'en_retard_ouvert') as nb_en_retard_ouverts,
    count(*) filter (where sla_status = 'en_cours_dans_les_delais') as nb_en_cours_dans_les_delais,
    count(*) filter (where first_closed_at is not null) as nb_clos,
    count(*) filter (where has_complaint) as nb_reclamations,
    count(*) filter (where has_thanks) as nb_remerciements,
    count(*) filter (where is_reopened) as nb_reouvertures,
    sum(n_reroutes) as nb_reaffectations,
    count(*) filter (where escalated_at is not null) as nb_escalades
  from reports
  group by grouping sets ((received_month, service_code), (received_month, district_code), (received_month))
),

final as (
  select
    monthly.axe,
    monthly.code,
    periods.periode,
    any_value(periods.type_periode) as type_periode,
    any_value(periods.debut_periode) as debut_periode,
    any_value(periods.fin_periode) as fin_periode,
    bool_and(periods.periode_complete) as periode_complete,
    cast(sum(n) as integer) as n,
    cast(sum(nb_dans_les_delais) as integer) as nb_dans_les_delais,
    cast(sum(nb_hors_delais) as integer) as nb_hors_delais,
    cast(sum(nb_en_retard_ouverts) as integer) as nb_en_retard_ouverts,
    cast(sum(nb_en_cours_dans_les_delais) as integer) as nb_en_cours_dans_les_delais,
    cast(sum(nb_clos) as integer) as nb_clos,
    cast(sum(nb_reclamations) as integer) as nb_reclamations,
    cast(sum(nb_remerciements) as integer) as nb_remerciements,
    cast(sum(nb_reouvertures) as integer) as nb_reouvertures,
    cast(sum(nb_reaffectations) as integer) as nb_reaffectations,
    cast(sum(nb_escalades) as integer) as nb_escalades
  from monthly
  join core.periods as periods using (debut_mois)
  group by monthly.axe, monthly.code, periods.periode
)

select * from final
