-- Power Tracker schema, MariaDB. Money is DECIMAL(12,2); times are DATETIME in
-- UTC (every connection sets time_zone '+00:00').

CREATE TABLE runs (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    job VARCHAR(32) NOT NULL,
    started_at DATETIME NOT NULL,
    finished_at DATETIME NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'running',
    stats TEXT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE price_history (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    product_id VARCHAR(64) NOT NULL,
    retailer VARCHAR(64) NOT NULL,
    url VARCHAR(2048) NOT NULL,
    price DECIMAL(12,2) NOT NULL,
    currency CHAR(3) NOT NULL,
    availability VARCHAR(16) NULL,
    first_seen DATETIME NOT NULL,
    last_seen DATETIME NOT NULL,
    observations INT NOT NULL DEFAULT 1,
    first_run_id BIGINT NULL,
    last_run_id BIGINT NULL,
    strategy VARCHAR(32) NULL,
    raw VARCHAR(255) NULL,
    KEY price_history_offer (product_id, retailer, id),
    KEY price_history_last_seen (last_seen),
    CONSTRAINT price_history_first_run FOREIGN KEY (first_run_id) REFERENCES runs (id),
    CONSTRAINT price_history_last_run FOREIGN KEY (last_run_id) REFERENCES runs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE scrape_log (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    run_id BIGINT NULL,
    product_id VARCHAR(64) NOT NULL,
    retailer VARCHAR(64) NOT NULL,
    url VARCHAR(2048) NOT NULL,
    attempted_at DATETIME NOT NULL,
    outcome VARCHAR(16) NOT NULL,
    http_status SMALLINT NULL,
    duration_ms INT NULL,
    bytes BIGINT NULL,
    price DECIMAL(12,2) NULL,
    currency CHAR(3) NULL,
    strategy VARCHAR(32) NULL,
    error VARCHAR(1000) NULL,
    KEY scrape_log_attempted (attempted_at),
    KEY scrape_log_offer (product_id, retailer, attempted_at),
    CONSTRAINT scrape_log_run FOREIGN KEY (run_id) REFERENCES runs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE email_subscriptions (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(320) NOT NULL,
    product_id VARCHAR(64) NULL,
    target_price DECIMAL(12,2) NULL,
    token VARCHAR(64) NOT NULL,
    created_at DATETIME NOT NULL,
    confirmed_at DATETIME NULL,
    unsubscribed_at DATETIME NULL,
    last_notified_at DATETIME NULL,
    UNIQUE KEY email_subscriptions_token (token)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

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

CREATE VIEW price_comparison AS
SELECT g.product_id,
       g.min_price,
       g.max_price,
       g.avg_price,
       g.retailers,
       (SELECT c.retailer FROM comparable_prices c WHERE c.product_id = g.product_id
        ORDER BY c.price, c.retailer LIMIT 1) AS cheapest_retailer,
       g.currency
FROM (SELECT product_id, MIN(price) AS min_price, MAX(price) AS max_price,
             ROUND(AVG(price), 2) AS avg_price, COUNT(*) AS retailers, MIN(currency) AS currency
      FROM comparable_prices GROUP BY product_id) g;
