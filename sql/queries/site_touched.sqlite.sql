-- Site build: the price_history rows added or seen again since the last build (the newest
-- id it read, and its newest last_seen less a margin), as offer states:
-- id, price text, currency, availability, last_seen (epoch s), was price.
SELECT product_id, retailer, id, price, currency, availability,
       CAST(strftime('%s', last_seen) AS INTEGER), {was_price}
FROM price_history WHERE id > :max_id OR last_seen >= :since
