-- Grain: one row per periode × code_service (plus a city-wide row code_service = 'ensemble').
-- Definitions (cohort, Kaplan–Meier delays, on-time rate) are those of marts.int_delais.
with final as (
  select * exclude (axe) rename (code as code_service)
  from marts.int_delais
  where axe in ('service', 'ensemble')
  order by type_periode, periode, code = 'ensemble', code
)

select * from final
