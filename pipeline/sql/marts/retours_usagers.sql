-- Grain: one row per periode × code_service (plus 'ensemble'): feedback on the cohort received in the
-- period. Rates are per closed report (first closure reached), null when nothing was closed.
with cells as (
  select * from marts.int_cellules where axe in ('service', 'ensemble')
),

final as (
  select
    periode,
    type_periode,
    debut_periode,
    fin_periode,
    periode_complete,
    code as code_service,
    n as nb_signalements,
    nb_clos,
    nb_reclamations,
    nb_remerciements,
    nb_reouvertures,
    nb_reaffectations,
    nb_escalades,
    round(nb_reclamations / nullif(nb_clos, 0), 4) as taux_reclamation,
    round(nb_remerciements / nullif(nb_clos, 0), 4) as taux_remerciement,
    round(nb_reouvertures / nullif(nb_clos, 0), 4) as taux_reouverture
  from cells
  order by type_periode, periode, code = 'ensemble', code
)

select * from final
