-- An attempt at an offer: move its last attempt on, keep its validators (issue 4).
INSERT INTO offer_states (product_id, retailer, url, last_attempt_at) VALUES (:p, :r, :url, :t)
ON CONFLICT (product_id, retailer) DO UPDATE SET url = excluded.url, last_attempt_at = excluded.last_attempt_at
