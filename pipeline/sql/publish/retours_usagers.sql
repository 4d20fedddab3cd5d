-- Grain: one row per complete period × service (or 'ensemble'): feedback after closure.
with final as (
  select
    type_periode, periode,
    strftime(debut_periode, '%Y-%m-%d') as debut_periode,
    strftime(fin_periode, '%Y-%m-%d') as fin_periode,
    code_service, nb_clos, nb_reclamations, nb_remerciements, nb_reouvertures,
    taux_reclamation, taux_remerciement, taux_reouverture
  from marts.retours_usagers
  where periode_complete
  order by type_periode, periode, code_service
)

select * from final
