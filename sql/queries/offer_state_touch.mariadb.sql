-- An attempt at an offer: move its last attempt on, keep its validators (issue 4).
INSERT INTO offer_states (product_id, retailer, url, last_attempt_at) VALUES (:p, :r, :url, :t)
ON DUPLICATE KEY UPDATE url = VALUES(url), last_attempt_at = VALUES(last_attempt_at)
