-- Daily counts of scrape attempts, kept after cleanup_logs.py prunes scrape_log
-- rows older than SCRAPE_LOG_KEEP_DAYS: one row per UTC day, offer and outcome.

CREATE TABLE scrape_log_daily (
    day DATE NOT NULL,
    product_id VARCHAR(64) NOT NULL,
    retailer VARCHAR(64) NOT NULL,
    outcome VARCHAR(16) NOT NULL,
    attempts INT NOT NULL,
    duration_ms_total BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, product_id, retailer, outcome)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
