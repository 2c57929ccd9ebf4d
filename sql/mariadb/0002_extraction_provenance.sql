-- Issue 3: every observation keeps how it was found. price_history already has
-- strategy and raw; add the extractor's confidence and the shop's own "was" /
-- list price read beside the price.
ALTER TABLE price_history ADD COLUMN confidence DOUBLE NULL, ADD COLUMN was_price DECIMAL(12,2) NULL;
