-- Grain: one row per complete period × category group × category, with group and overall margins.
with final as (
  select
    type_periode, periode,
    strftime(debut_periode, '%Y-%m-%d') as debut_periode,
    strftime(fin_periode, '%Y-%m-%d') as fin_periode,
    coalesce(groupe_categorie, 'ensemble') as groupe_categorie,
    coalesce(code_categorie, 'ensemble') as categorie,
    cast(sum(nb_signalements) as integer) as nb_signalements
  from marts.usage_categories
  where periode_complete
  group by type_periode, periode, debut_periode, fin_periode, rollup(groupe_categorie, code_categorie)
  order by type_periode, periode, groupe_categorie, categorie
)

select * from final
