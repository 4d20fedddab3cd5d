-- Grain: one row per axe × code × periode, axe = 'service' (code = service code), 'quartier' (code =
-- district code) or 'ensemble' (code = 'ensemble'): the delay marts by service and by district read it.
-- Cohort = reports received in the period. Delays in days (Kaplan–Meier, open reports censored at the
-- snapshot). taux_dans_les_delais = on time / (on time + closed late + open overdue); open reports not
-- yet due are left out of the rate (nb_en_cours_dans_les_delais).
with cells as (
  select * from marts.int_cellules where axe in ('service', 'quartier', 'ensemble')
),

km as (
  select
    axe,
    code,
    periode,
    max(n_events) filter (where delay_type = 'cloture') as n_clos,
    max(median_days) filter (where delay_type = 'cloture') as delai_median_jours,
    max(p90_days) filter (where delay_type = 'cloture') as delai_p90_jours,
    max(n_events) filter (where delay_type = 'accuse') as n_accuses,
    max(median_days) filter (where delay_type = 'accuse') as delai_accuse_median_jours,
    max(p90_days) filter (where delay_type = 'accuse') as delai_accuse_p90_jours,
    max(n_events) filter (where delay_type = 'affectation') as n_affectes,
    max(median_days) filter (where delay_type = 'affectation') as delai_affectation_median_jours,
    max(p90_days) filter (where delay_type = 'affectation') as delai_affectation_p90_jours
  from marts.int_delais_km
  where axe in ('service', 'quartier', 'ensemble')
  group by axe, code, periode
),

final as (
  select
    cells.axe,
    cells.periode,
    cells.type_periode,
    cells.debut_periode,
    cells.fin_periode,
    cells.periode_complete,
    cells.code,
    cells.n,
    km.n_clos,
    km.delai_median_jours,
    km.delai_p90_jours,
    km.n_accuses,
    km.delai_accuse_median_jours,
    km.delai_accuse_p90_jours,
    km.n_affectes,
    km.delai_affectation_median_jours,
    km.delai_affectation_p90_jours,
    cells.nb_dans_les_delais,
    cells.nb_hors_delais,
    cells.nb_en_retard_ouverts,
    cells.nb_en_cours_dans_les_delais,
    round(
      cells.nb_dans_les_delais / nullif(cells.nb_dans_les_delais + cells.nb_hors_delais + cells.nb_en_retard_ouverts, 0), 4
    ) as taux_dans_les_delais
  from cells
  join km using (axe, code, periode)
)

select * from final
