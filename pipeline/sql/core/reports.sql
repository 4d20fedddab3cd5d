-- Grain: one row per report (one resident request, key = channel:source_id), received at or before the snapshot.
-- Universe: channel records ∪ back-office reports without one. Email reports take their reception and
-- category from the handled email; a back-office report whose origin is missing is kept and flagged.
-- Incremental: only the reports of core.report_scope, or every report on a whole build (empty
-- meta.core_state; see pipeline/sql/models.ts); nothing here depends
-- on the snapshot but the staging filters, which the scope accounts for.
with whole_build as (
  select count(*) = 0 as is_whole from meta.core_state
),

channel_records as (
  select *
  from staging.stg_reports
  where report_key in (select report_key from core.report_scope) or (select is_whole from whole_build)
),

milestones as (
  select *
  from core.report_milestones
  where report_key in (select report_key from core.report_scope) or (select is_whole from whole_build)
),

-- Keyed like the back-office report the email became (email:<Message-ID>), so that the join below is
-- an equi-join on report_key (a condition on the channel plus the source id is planned as a nested loop).
handled_emails as (
  select 'email:' || source_id as report_key, received_at, category_code
  from staging.stg_contacts
  where channel = 'email' and kind = 'email_handled'
    and ('email:' || source_id in (select report_key from core.report_scope) or (select is_whole from whole_build))
),

taxonomy as (
  select * from ref.taxonomy
),

from_channel as (
  select report_key, channel, source_id, received_at, category_code, district_code, false as is_origin_missing
  from channel_records
),

from_back_office as (
  select
    milestones.report_key,
    milestones.channel,
    milestones.source_id,
    coalesce(handled_emails.received_at, milestones.first_event_at) as received_at,
    coalesce(handled_emails.category_code, taxonomy.fallback_category) as category_code,
    cast(null as varchar) as district_code,
    handled_emails.received_at is null as is_origin_missing
  from milestones
  anti join channel_records on channel_records.report_key = milestones.report_key
  cross join taxonomy
  left join handled_emails on handled_emails.report_key = milestones.report_key
),

universe as (
  select * from from_channel
  union all
  select * from from_back_office
),

categorised as (
  select
    universe.*,
    coalesce(categories.code, taxonomy.fallback_category) as category_code_checked,
    timezone('Europe/Paris', universe.received_at) as received_local
  from universe
  cross join taxonomy
  left join ref.categories as categories on categories.code = universe.category_code
),

final as (
  select
    r.report_key,
    r.channel,
    r.received_at,
    m.acknowledged_at,
    m.first_routed_at,
    coalesce(m.n_reroutes, 0) as n_reroutes,
    m.escalated_at,
    m.planned_date,
    coalesce(m.n_work_orders, 0) as n_work_orders,
    m.first_closed_at,
    m.last_closed_at,
    coalesce(m.is_reopened, false) as is_reopened,
    coalesce(m.has_complaint, false) as has_complaint,
    coalesce(m.has_thanks, false) as has_thanks,
    coalesce(m.last_stage_event, 'received') as current_stage,
    coalesce(m.last_stage_event, 'received') <> 'closed' as is_open,
    coalesce(m.routed_service_code, c.default_service) as service_code,
    s.division,
    c.code as category_code,
    c.group_code,
    c.privacy_class,
    coalesce(r.district_code, 'non_localise') as district_code,
    timezone('Europe/Paris', cal.jour_echeance + cast(r.received_local as time)) as due_at,
    cast(date_trunc('month', r.received_local) as date) as received_month,
    r.is_origin_missing
  from categorised as r
  left join milestones as m on m.report_key = r.report_key
  left join ref.categories as c on c.code = r.category_code_checked
  left join ref.services as s on s.code = coalesce(m.routed_service_code, c.default_service)
  left join ref.sla_calendar as cal on cal.jour = cast(r.received_local as date)
)

select * from final
