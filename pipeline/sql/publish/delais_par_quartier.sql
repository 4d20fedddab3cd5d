-- Grain: one row per complete period × district (or 'ensemble'): the closure delays and the 15-day
-- commitment of marts.delais_par_quartier, for periods that are over.
with final as (
  select
    type_periode, periode,
    strftime(debut_periode, '%Y-%m-%d') as debut_periode,
    strftime(fin_periode, '%Y-%m-%d') as fin_periode,
    code_quartier, n, n_clos, delai_median_jours, delai_p90_jours,
    nb_dans_les_delais, nb_hors_delais, nb_en_retard_ouverts, taux_dans_les_delais
  from marts.delais_par_quartier
  where periode_complete
  order by type_periode, periode, code_quartier
)

select * from final
