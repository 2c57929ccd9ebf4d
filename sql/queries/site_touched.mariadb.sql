-- Site build: price_history rows as offer states (see site_touched.sqlite.sql).
SELECT product_id, retailer, id, CAST(price AS CHAR), currency, availability,
       CAST(UNIX_TIMESTAMP(last_seen) AS SIGNED), {was_price}
FROM price_history WHERE {where}
