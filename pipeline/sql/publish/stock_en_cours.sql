-- Grain: one row per snapshot date × service × age bucket, with 'ensemble' margins (districts summed).
with final as (
  select
    strftime(date_extraction, '%Y-%m-%d') as date_extraction,
    coalesce(code_service, 'ensemble') as code_service,
    coalesce(tranche_anciennete, 'ensemble') as tranche_anciennete,
    cast(sum(nb_en_cours) as integer) as nb_en_cours,
    cast(sum(nb_en_retard) as integer) as nb_en_retard
  from marts.stock_en_cours
  group by date_extraction, cube(code_service, tranche_anciennete)
  order by date_extraction, code_service, tranche_anciennete
)

select * from final
