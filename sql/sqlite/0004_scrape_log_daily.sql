-- Daily counts of scrape attempts, kept after cleanup_logs.py prunes scrape_log
-- rows older than SCRAPE_LOG_KEEP_DAYS: one row per UTC day, offer and outcome.
-- day is TEXT 'YYYY-MM-DD' (UTC).

CREATE TABLE scrape_log_daily (
    day TEXT NOT NULL,
    product_id TEXT NOT NULL,
    retailer TEXT NOT NULL,
    outcome TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    duration_ms_total INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, product_id, retailer, outcome)
);
