-- Grain: one row per mois × canal × type_contact with at least one contact.
-- courriel / appel: handled emails and calls from the store's contacts (kinds email_handled, call_handled);
-- intervention: work orders, i.e. 'scheduled' events (Programmation), counted on the report's channel;
-- signalement: reports received that month. Channels in French: web, app, telephone, courriel.
with contacts as (
  select channel, received_at as activity_at, case kind when 'email_handled' then 'courriel' else 'appel' end as type_contact
  from staging.stg_contacts
  where kind in ('email_handled', 'call_handled')
),

-- Reports of sensitive categories are left out of the counts tied to a report (signalement, intervention):
-- their number is published only by district and quarter, and must not be derivable from this table.
sensitive as (
  select report_key from core.reports where privacy_class = 'sensitive'
),

work_orders as (
  select events.origin_channel as channel, events.occurred_at as activity_at, 'intervention' as type_contact
  from staging.stg_status_events as events
  anti join sensitive using (report_key)
  where events.event_type = 'scheduled'
),

activity as (
  select * from contacts
  union all
  select * from work_orders
),

-- Paris is a whole number of hours from UTC: counting per UTC hour first leaves the time-zone
-- conversion to a few thousand rows instead of one per contact.
hourly as (
  select channel, type_contact, cast(floor(epoch(activity_at) / 3600) as bigint) as hour_utc, count(*) as n
  from activity
  group by all
),

monthly as (
  select channel, type_contact, strftime(timezone('Europe/Paris', to_timestamp(hour_utc * 3600)), '%Y-%m') as mois, n
  from hourly
  union all
  select channel, 'signalement', strftime(received_month, '%Y-%m'), count(*)
  from core.reports
  where privacy_class is distinct from 'sensitive'
  group by channel, received_month
),

final as (
  select
    mois,
    case channel when 'phone' then 'telephone' when 'email' then 'courriel' else channel end as canal,
    type_contact,
    cast(sum(n) as integer) as nb_contacts
  from monthly
  group by all
  order by mois, canal, type_contact
)

select * from final
