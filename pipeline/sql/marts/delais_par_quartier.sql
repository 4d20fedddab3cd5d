-- Grain: one row per periode × code_quartier (plus a city-wide row code_quartier = 'ensemble').
-- Definitions (cohort, Kaplan–Meier delays, on-time rate) are those of marts.int_delais.
with final as (
  select * exclude (axe) rename (code as code_quartier)
  from marts.int_delais
  where axe in ('quartier', 'ensemble')
  order by type_periode, periode, code = 'ensemble', code
)

select * from final
