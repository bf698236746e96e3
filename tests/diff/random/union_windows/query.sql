-- UNION ALL of two window aggregations into one sink, over a view that
-- renames the time attribute, computes a column and filters: 1-minute
-- TUMBLE and HOP (30 s, 1 min) rows side by side, told apart by a literal.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE VIEW v AS SELECT ts AS t, k, a * 2 AS a2 FROM events WHERE b IS NOT NULL;

CREATE TABLE both_windows (
  kind STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_a2 BIGINT, keys BIGINT
) WITH ('connector' = 'print');

INSERT INTO both_windows
SELECT 'tumble', window_start, window_end, COUNT(*), SUM(a2), COUNT(DISTINCT k)
FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(t), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end
UNION ALL
SELECT 'hop', window_start, window_end, COUNT(*), SUM(a2), COUNT(DISTINCT k)
FROM TABLE(HOP(TABLE v, DESCRIPTOR(t), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
