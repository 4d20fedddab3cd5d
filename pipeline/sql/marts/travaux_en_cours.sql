-- Grain: one row per open report of a public_asset category at the snapshot (the works queue), ranked
-- per service and district by planned date (unplanned last), then reception. cle_signalement is the
-- internal key, to be pseudonymised by the release; coordinates stay in private.report_locations.
-- Not sorted here: the release orders the queue by service, district and rank (publish/travaux_en_cours.sql).
with open_assets as (
  select * from core.reports where is_open and privacy_class = 'public_asset'
),

final as (
  select
    report_key as cle_signalement,
    service_code as code_service,
    district_code as code_quartier,
    category_code as code_categorie,
    case current_stage
      when 'received' then 'recu'
      when 'acknowledged' then 'pris_en_compte'
      when 'routed' then 'affecte'
      when 'rerouted' then 'reaffecte'
      when 'escalated' then 'escalade'
      when 'scheduled' then 'programme'
      when 'in_progress' then 'en_intervention'
      when 'reopened' then 'rouvert'
      else current_stage
    end as etape,
    planned_date as date_prevue,
    strftime(timezone('UTC', received_at), '%Y-%m-%dT%H:%M:%SZ') as recu_le,
    cast(row_number() over (partition by service_code, district_code order by planned_date asc nulls last, received_at, report_key) as integer)
      as rang
  from open_assets
)

select * from final
