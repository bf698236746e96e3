-- An aggregation over a changelog: per number of flagged records, how many
-- keys have it and the SUM/MIN/MAX of their sums of b (the inner GROUP BY k
-- retracts a key's old row on every update, so every outer aggregate must
-- take rows back out; NULL k is a key, NULL sums are skipped).
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE VIEW per_key AS
SELECT k, COUNT(*) AS c, SUM(b) AS s FROM events WHERE flag GROUP BY k;

CREATE TABLE keys_per_count (c BIGINT, keys BIGINT, sum_s INT, min_s INT, max_s INT) WITH ('connector' = 'print');

INSERT INTO keys_per_count
SELECT c, COUNT(*), SUM(s), MIN(s), MAX(s) FROM per_key GROUP BY c;
