-- Grain: one row per mois × canal with any activity.
-- Emails and calls handled come from the store's contacts (kinds email_handled, call_handled); work
-- orders (nb_bons_de_travaux) are the 'scheduled' events (Programmation), counted on the report's channel;
-- reports created are the reports received that month.
with contacts as (
  select channel, received_at as activity_at, kind as measure from staging.stg_contacts where kind in ('email_handled', 'call_handled')
),

work_orders as (
  select origin_channel as channel, occurred_at as activity_at, 'work_order' as measure from staging.stg_status_events where event_type = 'scheduled'
),

reports as (
  select channel, received_at as activity_at, 'report' as measure from core.reports
),

activity as (
  select * from contacts
  union all
  select * from work_orders
  union all
  select * from reports
),

final as (
  select
    strftime(timezone('Europe/Paris', activity_at), '%Y-%m') as mois,
    channel as canal,
    cast(count(*) filter (where measure = 'email_handled') as integer) as nb_courriels_traites,
    cast(count(*) filter (where measure = 'call_handled') as integer) as nb_appels_traites,
    cast(count(*) filter (where measure = 'work_order') as integer) as nb_bons_de_travaux,
    cast(count(*) filter (where measure = 'report') as integer) as nb_signalements_crees
  from activity
  group by all
  order by mois, canal
)

select * from final
