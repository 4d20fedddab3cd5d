-- Fails on: a delay cell whose SLA standings do not add up to its cohort size.
with final as (
  select periode, code_service, n
  from marts.delais_par_service
  where nb_dans_les_delais + nb_hors_delais + nb_en_retard_ouverts + nb_en_cours_dans_les_delais <> n
)

select * from final
