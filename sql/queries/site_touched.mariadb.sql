-- Site build: rows added or seen again since the last build (see site_touched.sqlite.sql).
SELECT product_id, retailer, id, CAST(price AS CHAR), currency, availability,
       CAST(UNIX_TIMESTAMP(last_seen) AS SIGNED), {was_price}
FROM price_history WHERE id > :max_id OR last_seen >= :since
