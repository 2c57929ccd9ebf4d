-- Issue 3: every observation keeps how it was found. price_history already has
-- strategy and raw; add the extractor's confidence and the shop's own "was" /
-- list price read beside the price (TEXT money, like price).
ALTER TABLE price_history ADD COLUMN confidence REAL;
ALTER TABLE price_history ADD COLUMN was_price TEXT;
