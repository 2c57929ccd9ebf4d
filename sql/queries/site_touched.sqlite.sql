-- Site build: price_history rows as offer states (id, price text, currency, availability,
-- last_seen (epoch s), was price): the rows added since the last build (id > :max_id), or
-- given by id (rows seen again since). {was_price} and {where} are filled in by
-- powertracker/site/source.py (a column name or NULL; the condition).
SELECT product_id, retailer, id, price, currency, availability,
       CAST(strftime('%s', last_seen) AS INTEGER), {was_price}
FROM price_history WHERE {where}
