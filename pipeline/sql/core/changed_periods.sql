-- Grain: one row per period (periode of core.periods) whose Kaplan–Meier delays an incremental build
-- recomputes (materialization "periodic", see pipeline/sql/models.ts). Built as the temporary table
-- changed_periods after changed_months and marts.int_delais_evenements (see pipeline/warehouse/models.ts;
-- a whole build, or one where a changed month has no report any more, takes every period instead).
-- The rolling 12 months (its months move with the snapshot), and every period holding a month whose delay
-- inputs may have moved since the last build: a month of changed_months (its reports changed), or a month
-- with a report (not sensitive) that has not reached a milestone and whose censored time, at the earlier of
-- the two snapshots, lies before the horizon of that delay type. Past the horizon (after the last event time,
-- over all cells) a censored report is at risk at every event time whatever its time: moving it changes no
-- estimate (see marts/int_delais_censures.sql).
with earlier as (
  select least(state.snapshot_at, parameters.snapshot_at) as snapshot_at
  from meta.core_state as state
  cross join meta.run_parameters as parameters
),

horizons as (
  select delay_type, max(t_centi) + 1 as t_horizon
  from marts.int_delais_evenements
  group by delay_type
),

reports as not materialized (
  select
    reports.received_month,
    reports.acknowledged_at,
    reports.first_routed_at,
    reports.first_closed_at,
    cast(round((epoch(earlier.snapshot_at) - epoch(reports.received_at)) / 864) as integer) as t_centi
  from core.reports as reports
  cross join earlier
  where reports.privacy_class is distinct from 'sensitive'
),

open_milestones as (
  select received_month, 'accuse' as delay_type, t_centi from reports where acknowledged_at is null
  union all
  select received_month, 'affectation', t_centi from reports where first_routed_at is null
  union all
  select received_month, 'cloture', t_centi from reports where first_closed_at is null
),

moving_months as (
  select distinct open_milestones.received_month as debut_mois
  from open_milestones
  join horizons using (delay_type)
  where open_milestones.t_centi < horizons.t_horizon
),

dirty_months as (
  select debut_mois from changed_months
  union
  select debut_mois from moving_months
),

final as (
  select distinct periods.periode
  from core.periods as periods
  left join dirty_months using (debut_mois)
  where periods.type_periode = '12_mois_glissants' or dirty_months.debut_mois is not null
)

select * from final
