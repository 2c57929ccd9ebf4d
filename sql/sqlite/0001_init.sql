-- Power Tracker schema, SQLite. Money is TEXT holding a canonical decimal with
-- two places (never REAL); times are TEXT 'YYYY-MM-DD HH:MM:SS' in UTC.

CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    stats TEXT
);

CREATE TABLE price_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id TEXT NOT NULL,
    retailer TEXT NOT NULL,
    url TEXT NOT NULL,
    price TEXT NOT NULL,
    currency TEXT NOT NULL,
    availability TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    observations INTEGER NOT NULL DEFAULT 1,
    first_run_id INTEGER REFERENCES runs(id),
    last_run_id INTEGER REFERENCES runs(id),
    strategy TEXT,
    raw TEXT
);
CREATE INDEX price_history_offer ON price_history (product_id, retailer, id);
CREATE INDEX price_history_last_seen ON price_history (last_seen);

CREATE TABLE scrape_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER REFERENCES runs(id),
    product_id TEXT NOT NULL,
    retailer TEXT NOT NULL,
    url TEXT NOT NULL,
    attempted_at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    http_status INTEGER,
    duration_ms INTEGER,
    bytes INTEGER,
    price TEXT,
    currency TEXT,
    strategy TEXT,
    error TEXT
);
CREATE INDEX scrape_log_attempted ON scrape_log (attempted_at);
CREATE INDEX scrape_log_offer ON scrape_log (product_id, retailer, attempted_at);

CREATE TABLE email_subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    product_id TEXT,
    target_price TEXT,
    token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    confirmed_at TEXT,
    unsubscribed_at TEXT,
    last_notified_at TEXT
);

CREATE VIEW latest_prices AS
SELECT h.product_id, h.retailer, h.price, h.currency, h.availability, h.last_seen
FROM price_history h
WHERE h.id = (SELECT MAX(h2.id) FROM price_history h2
              WHERE h2.product_id = h.product_id AND h2.retailer = h.retailer);

-- The offers a comparison may rank: in stock (or unknown) and priced in the
-- product's reference currency, the one most of those offers use (ties: the
-- alphabetically first). Prices in different currencies are never compared.
CREATE VIEW comparable_prices AS
SELECT l.product_id, l.retailer, l.price, l.currency, l.availability, l.last_seen
FROM latest_prices l
WHERE (l.availability IS NULL OR l.availability <> 'out_of_stock')
  AND l.currency = (SELECT l2.currency FROM latest_prices l2
                    WHERE l2.product_id = l.product_id
                      AND (l2.availability IS NULL OR l2.availability <> 'out_of_stock')
                    GROUP BY l2.currency ORDER BY COUNT(*) DESC, l2.currency LIMIT 1);

-- Averages are computed exactly in cents and rounded half up, as MariaDB's
-- ROUND(AVG(DECIMAL)) does, so both databases return the same figures.
CREATE VIEW price_comparison AS
SELECT product_id,
       (SELECT c.price FROM comparable_prices c WHERE c.product_id = g.product_id
        ORDER BY CAST(c.price AS REAL), c.retailer LIMIT 1) AS min_price,
       (SELECT c.price FROM comparable_prices c WHERE c.product_id = g.product_id
        ORDER BY CAST(c.price AS REAL) DESC, c.retailer LIMIT 1) AS max_price,
       (avg_cents / 100) || '.' || substr('0' || (avg_cents % 100), -2) AS avg_price,
       retailers,
       (SELECT c.retailer FROM comparable_prices c WHERE c.product_id = g.product_id
        ORDER BY CAST(c.price AS REAL), c.retailer LIMIT 1) AS cheapest_retailer,
       currency
FROM (SELECT product_id, MIN(currency) AS currency,
             COUNT(*) AS retailers,
             (2 * SUM(CAST(REPLACE(price, '.', '') AS INTEGER)) + COUNT(*)) / (2 * COUNT(*)) AS avg_cents
      FROM comparable_prices GROUP BY product_id) g;
