-- Site build: id and last_seen (epoch s) of the rows seen since :since up to id :max_id, by id.
-- Read from the last_seen index alone (named: by the rowid, the planner would scan the table);
-- the build compares them with the offer rows it showed and reads in full only those that moved.
SELECT id, CAST(strftime('%s', last_seen) AS INTEGER)
FROM price_history INDEXED BY price_history_last_seen
WHERE last_seen >= :since AND id <= :max_id ORDER BY id
