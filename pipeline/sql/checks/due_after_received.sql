-- Fails on: a due date not after the reception.
with final as (
  select report_key from core.reports where due_at <= received_at
)

select * from final
