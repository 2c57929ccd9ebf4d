-- Site build: every price_history row of some products, oldest first, as plain values
-- (see site_history.sqlite.sql).
SELECT product_id, retailer, id, CAST(price AS CHAR), CAST(ROUND(price * 100) AS SIGNED), currency, availability,
       DATE_FORMAT(first_seen, '%Y-%m-%d %H:%i:%s'), CAST(UNIX_TIMESTAMP(first_seen) AS SIGNED),
       DATE_FORMAT(last_seen, '%Y-%m-%d %H:%i:%s'), CAST(UNIX_TIMESTAMP(last_seen) AS SIGNED), observations,
       {was_price}
FROM price_history WHERE product_id IN ({ids}) ORDER BY product_id, retailer, id
