-- Grain: one row per mois × canal × type_contact with at least one contact.
-- courriel / appel: handled emails and calls from the store's contacts (kinds email_handled, call_handled);
-- intervention: work orders, i.e. 'scheduled' events (Programmation), counted on the report's channel;
-- signalement: reports received that month. Channels in French: web, app, telephone, courriel.
with contacts as (
  select channel, received_at as activity_at, case kind when 'email_handled' then 'courriel' else 'appel' end as type_contact
  from staging.stg_contacts
  where kind in ('email_handled', 'call_handled')
),

work_orders as (
  select origin_channel as channel, occurred_at as activity_at, 'intervention' as type_contact
  from staging.stg_status_events
  where event_type = 'scheduled'
),

reports as (
  select channel, received_at as activity_at, 'signalement' as type_contact from core.reports
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
    case channel when 'phone' then 'telephone' when 'email' then 'courriel' else channel end as canal,
    type_contact,
    cast(count(*) as integer) as nb_contacts
  from activity
  group by all
  order by mois, canal, type_contact
)

select * from final
