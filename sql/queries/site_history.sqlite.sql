-- Site build: every price_history row of some products, oldest first, as plain values:
-- id, price text, price in cents, currency, availability, first_seen (text, epoch s),
-- last_seen (text, epoch s), observations, was price. {was_price} and {ids} are filled in
-- by powertracker/site/source.py (a column name or NULL; one :pN placeholder per product).
SELECT product_id, retailer, id, price, CAST(REPLACE(price, '.', '') AS INTEGER), currency, availability,
       first_seen, CAST(strftime('%s', first_seen) AS INTEGER),
       last_seen, CAST(strftime('%s', last_seen) AS INTEGER), observations, {was_price}
FROM price_history WHERE product_id IN ({ids}) ORDER BY product_id, retailer, id
