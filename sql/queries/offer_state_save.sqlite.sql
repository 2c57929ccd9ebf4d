-- A page read in full (or a 304 for it): its validators and the price it shows (issue 4).
INSERT INTO offer_states (product_id, retailer, url, last_attempt_at, etag, last_modified, price, currency,
                          availability, strategy)
VALUES (:p, :r, :url, :t, :etag, :lm, :price, :currency, :availability, :strategy)
ON CONFLICT (product_id, retailer) DO UPDATE SET url = excluded.url, last_attempt_at = excluded.last_attempt_at,
    etag = excluded.etag, last_modified = excluded.last_modified, price = excluded.price,
    currency = excluded.currency, availability = excluded.availability, strategy = excluded.strategy
