-- Grain: one row per axe (service, quartier, ensemble) × code × periode × delay type.
-- Kaplan–Meier product-limit estimator over the cohort received in the period, reports that have not
-- reached the milestone censored at the snapshot (censored times count as at risk at their own time).
-- S(t) = Π over event times u ≤ t of (1 − d_u / n_u); median = smallest t with S(t) ≤ 0.5,
-- p90 = smallest t with S(t) ≤ 0.1; null when not reached. 1e-9 absorbs floating-point error.
-- Inputs counted per month: reached times (int_delais_evenements) and censored ones (int_delais_censures).
-- Only the periods of changed_periods (materialization "periodic", see pipeline/sql/models.ts): every
-- period on a whole build.
with periods as (
  select * from core.periods where periode in (select periode from changed_periods)
),

events as (
  select * from marts.int_delais_evenements
),

censored as (
  select * from marts.int_delais_censures
),

-- Observations per month: reached ones (each also an observation) and censored ones.
monthly as (
  select axe, code, debut_mois, delay_type, t_centi, d, d as c from events
  union all
  select axe, code, debut_mois, delay_type, t_centi, 0 as d, c from censored
),

by_period as (
  select
    hash(monthly.axe, monthly.code, periods.periode, monthly.delay_type) as cell,
    monthly.t_centi,
    sum(monthly.d) as d,
    sum(monthly.c) as c
  from monthly
  join periods using (debut_mois)
  group by all
),

at_risk as (
  select *, sum(c) over (partition by cell order by t_centi desc rows between unbounded preceding and current row) as n_at_risk
  from by_period
),

-- Only event times move S(t): the product runs over them alone (censored times only count as at risk).
survival as (
  select
    *,
    max(case when d = n_at_risk then 1 else 0 end) over w as is_extinct,
    sum(case when d < n_at_risk then ln(1 - d / n_at_risk) else 0 end) over w as log_survival
  from at_risk
  where d > 0
  window w as (partition by cell order by t_centi rows between unbounded preceding and current row)
),

-- Cells of each month first (a few thousand), then their periods: not one row per time and period.
monthly_cells as (
  select distinct axe, code, debut_mois, delay_type from monthly
),

cells as (
  select distinct
    hash(monthly_cells.axe, monthly_cells.code, periods.periode, monthly_cells.delay_type) as cell,
    monthly_cells.axe,
    monthly_cells.code,
    periods.periode,
    monthly_cells.delay_type
  from monthly_cells
  join periods using (debut_mois)
),

counts as (
  select cell, cast(sum(c) as integer) as n, cast(sum(d) as integer) as n_events
  from by_period
  group by cell
),

thresholds as (
  select
    cell,
    min(t_centi) filter (where is_extinct = 1 or exp(log_survival) <= 0.5 + 1e-9) / 100 as median_days,
    min(t_centi) filter (where is_extinct = 1 or exp(log_survival) <= 0.1 + 1e-9) / 100 as p90_days
  from survival
  group by cell
),

estimates as (
  select counts.cell, counts.n, counts.n_events, thresholds.median_days, thresholds.p90_days
  from counts
  left join thresholds using (cell)
),

final as (
  select cells.axe, cells.code, cells.periode, cells.delay_type, estimates.n, estimates.n_events, estimates.median_days, estimates.p90_days
  from estimates
  join cells using (cell)
)

select * from final
