-- Grain: one row per periode × code_categorie used in the period: how much each item of the list is used,
-- to support simplifying it. part_signalements = share of the period's reports. Sensitive categories are
-- left out (published only as counts by district and quarter).
with monthly as (
  select
    received_month as debut_mois,
    category_code,
    any_value(group_code) as group_code,
    any_value(privacy_class) as privacy_class,
    count(*) as n
  from core.reports
  where privacy_class is distinct from 'sensitive'
  group by received_month, category_code
),

by_period as (
  select
    periods.periode,
    any_value(periods.type_periode) as type_periode,
    any_value(periods.debut_periode) as debut_periode,
    any_value(periods.fin_periode) as fin_periode,
    bool_and(periods.periode_complete) as periode_complete,
    monthly.category_code,
    any_value(monthly.group_code) as group_code,
    any_value(monthly.privacy_class) as privacy_class,
    sum(monthly.n) as n
  from monthly
  join core.periods as periods using (debut_mois)
  group by periods.periode, monthly.category_code
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
