-- Site build: id and last_seen (epoch s) of the rows seen since :since up to id :max_id, by id
-- (see site_seen.sqlite.sql).
SELECT id, CAST(UNIX_TIMESTAMP(last_seen) AS SIGNED)
FROM price_history WHERE last_seen >= :since AND id <= :max_id ORDER BY id
