-- Grain: one row per complete period × service (or 'ensemble'): the closure delays and the 15-day
-- commitment of marts.delais_par_service, for periods that are over.
with final as (
  select
    type_periode, periode,
    strftime(debut_periode, '%Y-%m-%d') as debut_periode,
    strftime(fin_periode, '%Y-%m-%d') as fin_periode,
    code_service, n, n_clos, delai_median_jours, delai_p90_jours,
    nb_dans_les_delais, nb_hors_delais, nb_en_retard_ouverts, taux_dans_les_delais
  from marts.delais_par_service
  where periode_complete
  order by type_periode, periode, code_service
)

select * from final
