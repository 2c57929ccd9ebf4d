-- What a polite, durable scrape run needs (issue 4).
-- scrape_log.entry_key: the attempt's unique key (run token / sequence), so a journal
-- replayed twice, or a commit whose acknowledgement was lost, never writes twice.
ALTER TABLE scrape_log ADD COLUMN entry_key TEXT;
CREATE UNIQUE INDEX scrape_log_entry_key ON scrape_log (entry_key);

-- One row per offer: when it was last attempted (for the due schedule), the page's
-- validators (ETag / Last-Modified) and the price that page showed, so a 304 counts
-- as an observation of that price without downloading the page.
CREATE TABLE offer_states (
    product_id TEXT NOT NULL,
    retailer TEXT NOT NULL,
    url TEXT NOT NULL,
    last_attempt_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    price TEXT,
    currency TEXT,
    availability TEXT,
    strategy TEXT,
    PRIMARY KEY (product_id, retailer)
);

-- Prices that jumped too far from the offer's recent median. They stay out of
-- price_history (so latest_prices, price_comparison and alerts never see them) until
-- the next scrape confirms them: then the row is copied into price_history with its
-- own seen_at and marked confirmed; a price back in range marks it discarded.
-- Nothing is deleted: every observation is kept.
CREATE TABLE suspicious_prices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id TEXT NOT NULL,
    retailer TEXT NOT NULL,
    url TEXT NOT NULL,
    price TEXT NOT NULL,
    currency TEXT NOT NULL,
    availability TEXT,
    seen_at TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    strategy TEXT,
    raw TEXT,
    median_price TEXT,
    reason TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    resolved_at TEXT
);
CREATE INDEX suspicious_prices_offer ON suspicious_prices (product_id, retailer, status);
