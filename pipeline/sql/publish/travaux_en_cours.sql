-- Grain: one row per open public-asset report at the snapshot (the works queue). id_interne, latitude and
-- longitude are internal: the release turns them into a keyed public id and an H3 cell, then drops them.
with final as (
  select
    works.cle_signalement as id_interne,
    works.code_service,
    works.code_quartier,
    reports.group_code as groupe_categorie,
    works.code_categorie as categorie,
    works.etape,
    strftime(timezone('Europe/Paris', cast(works.recu_le as timestamptz)), '%Y-%m-%d') as date_reception,
    strftime(works.date_prevue, '%Y-%m-%d') as date_prevue,
    locations.lat as latitude,
    locations.lon as longitude,
    works.rang
  from marts.travaux_en_cours as works
  join core.reports as reports on reports.report_key = works.cle_signalement
  left join private.report_locations as locations on locations.report_key = works.cle_signalement
  order by works.code_service, works.code_quartier, works.rang
)

select * from final
