-- Aggregates that must take values back out: over the changelog of a
-- GROUP BY k (each record retracts its key's old row), per whether the key
-- has more than 600 records so far (a key moves between the two groups):
-- STDDEV_POP, VAR_SAMP, AVG and COUNT(DISTINCT) of the keys' sums and
-- counts, MIN/MAX of a string, all under retraction.
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
SELECT k, SUM(x) AS sx, COUNT(*) AS n, MAX(k) AS mk FROM events GROUP BY k;

CREATE TABLE by_size (
  big BOOLEAN, keys BIGINT, sd DOUBLE, var_s DOUBLE, avg_sx DOUBLE, distinct_n BIGINT, min_k STRING, max_k STRING
) WITH ('connector' = 'print');

INSERT INTO by_size
SELECT n > 600, COUNT(*), STDDEV_POP(sx), VAR_SAMP(sx), AVG(sx), COUNT(DISTINCT n), MIN(mk), MAX(mk)
FROM per_key
GROUP BY n > 600;
