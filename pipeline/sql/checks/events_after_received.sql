-- Fails on: a report acknowledged, routed or first closed before its reception (delays are never clamped,
-- so such a report would carry a negative delay).
with final as (
  select report_key
  from core.reports
  where acknowledged_at < received_at or first_routed_at < received_at or first_closed_at < received_at
)

select * from final
