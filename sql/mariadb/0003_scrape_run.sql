-- What a polite, durable scrape run needs (issue 4).
-- scrape_log.entry_key: the attempt's unique key (run token / sequence), so a journal
-- replayed twice, or a commit whose acknowledgement was lost, never writes twice.
ALTER TABLE scrape_log ADD COLUMN entry_key VARCHAR(64) NULL, ADD UNIQUE KEY scrape_log_entry_key (entry_key);

-- One row per offer: when it was last attempted (for the due schedule), the page's
-- validators (ETag / Last-Modified) and the price that page showed, so a 304 counts
-- as an observation of that price without downloading the page.
CREATE TABLE offer_states (
    product_id VARCHAR(64) NOT NULL,
    retailer VARCHAR(64) NOT NULL,
    url VARCHAR(2048) NOT NULL,
    last_attempt_at DATETIME NOT NULL,
    etag VARCHAR(255) NULL,
    last_modified VARCHAR(64) NULL,
    price DECIMAL(12,2) NULL,
    currency CHAR(3) NULL,
    availability VARCHAR(16) NULL,
    strategy VARCHAR(32) NULL,
    PRIMARY KEY (product_id, retailer)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Prices that jumped too far from the offer's recent median. They stay out of
-- price_history (so latest_prices, price_comparison and alerts never see them) until
-- the next scrape confirms them: then the row is copied into price_history with its
-- own seen_at and marked confirmed; a price back in range marks it discarded.
-- Nothing is deleted: every observation is kept.
CREATE TABLE suspicious_prices (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    product_id VARCHAR(64) NOT NULL,
    retailer VARCHAR(64) NOT NULL,
    url VARCHAR(2048) NOT NULL,
    price DECIMAL(12,2) NOT NULL,
    currency CHAR(3) NOT NULL,
    availability VARCHAR(16) NULL,
    seen_at DATETIME NOT NULL,
    run_id BIGINT NULL,
    strategy VARCHAR(32) NULL,
    raw VARCHAR(255) NULL,
    median_price DECIMAL(12,2) NULL,
    reason VARCHAR(255) NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'pending',
    resolved_at DATETIME NULL,
    KEY suspicious_prices_offer (product_id, retailer, status),
    CONSTRAINT suspicious_prices_run FOREIGN KEY (run_id) REFERENCES runs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
