-- Late records in a legacy group window, GROUP BY HOP(ts, 10 s, 20 s) per
-- flag with HOP_START/HOP_END: the same per-window rule as the HOP table
-- function (dropped from each fired window; late when dropped from all).
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE legacy_hops (
  flag BOOLEAN, h_start TIMESTAMP(3), h_end TIMESTAMP(3), n BIGINT, sum_b INT
) WITH ('connector' = 'print');

INSERT INTO legacy_hops
SELECT flag, HOP_START(ts, INTERVAL '10' SECOND, INTERVAL '20' SECOND),
       HOP_END(ts, INTERVAL '10' SECOND, INTERVAL '20' SECOND), COUNT(*), SUM(b)
FROM events
GROUP BY flag, HOP(ts, INTERVAL '10' SECOND, INTERVAL '20' SECOND);
