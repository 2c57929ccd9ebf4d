-- A page read in full (or a 304 for it): its validators and the price it shows (issue 4).
INSERT INTO offer_states (product_id, retailer, url, last_attempt_at, etag, last_modified, price, currency,
                          availability, strategy)
VALUES (:p, :r, :url, :t, :etag, :lm, :price, :currency, :availability, :strategy)
ON DUPLICATE KEY UPDATE url = VALUES(url), last_attempt_at = VALUES(last_attempt_at), etag = VALUES(etag),
    last_modified = VALUES(last_modified), price = VALUES(price), currency = VALUES(currency),
    availability = VALUES(availability), strategy = VALUES(strategy)
