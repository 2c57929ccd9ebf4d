-- Site build, shop health: attempts and successes per retailer since :since, the newest
-- successful check and the newest attempt.
SELECT retailer, COUNT(*) AS attempts,
       SUM(CASE WHEN outcome IN ('ok', 'not_modified') THEN 1 ELSE 0 END) AS successes,
       MAX(CASE WHEN outcome IN ('ok', 'not_modified') THEN attempted_at END) AS last_ok_at,
       MAX(attempted_at) AS last_attempt_at
FROM scrape_log WHERE attempted_at >= :since GROUP BY retailer ORDER BY retailer
