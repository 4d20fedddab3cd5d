-- Grain: one row per periode × code_categorie used in the period: how much each item of the list is used,
-- to support simplifying it. part_signalements = share of the period's reports.
with reports as (
  select received_month as debut_mois, category_code, group_code, privacy_class from core.reports
),

by_period as (
  select
    periods.periode,
    any_value(periods.type_periode) as type_periode,
    any_value(periods.debut_periode) as debut_periode,
    any_value(periods.fin_periode) as fin_periode,
    bool_and(periods.periode_complete) as periode_complete,
    reports.category_code,
    any_value(reports.group_code) as group_code,
    any_value(reports.privacy_class) as privacy_class,
    count(*) as n
  from reports
  join core.periods as periods using (debut_mois)
  group by periods.periode, reports.category_code
),

final as (
  select
    periode,
    type_periode,
    debut_periode,
    fin_periode,
    periode_complete,
    category_code as code_categorie,
    group_code as groupe_categorie,
    privacy_class as classe_confidentialite,
    cast(n as integer) as nb_signalements,
    round(n / sum(n) over (partition by periode), 4) as part_signalements
  from by_period
  order by type_periode, periode, nb_signalements desc, code_categorie
)

select * from final
