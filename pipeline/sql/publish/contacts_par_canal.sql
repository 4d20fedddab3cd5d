-- Grain: one row per complete month × channel × contact type, with the all-channels margin.
-- $1 = first day of the snapshot's month (Paris).
with final as (
  select
    mois,
    coalesce(canal, 'ensemble') as canal,
    type_contact,
    cast(sum(nb_contacts) as integer) as nb_contacts
  from marts.contacts_par_canal
  where mois < strftime(cast($1 as date), '%Y-%m')
  group by mois, type_contact, rollup(canal)
  order by mois, canal, type_contact
)

select * from final
