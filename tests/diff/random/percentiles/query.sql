-- Exact and approximate percentiles over nullable columns (NULLs are not
-- values) per 10 minutes: PERCENTILE_CONT ascending and descending,
-- PERCENTILE_DISC of a BIGINT and of a STRING (byte order, like DuckDB's),
-- and APPROX_PERCENTILE of a DOUBLE within 2% of the exact value at one of
-- the two ranks a p-quantile may name (ceil(n p) - 1 and floor((n - 1) p),
-- compare.mjs --range), p = 0.1 (negative values) and 0.9.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_10m (
  window_start TIMESTAMP(3), n BIGINT, med_x DOUBLE, q3_x_desc DOUBLE, med_a BIGINT, med_k STRING,
  approx_p10_x DOUBLE, approx_p90_x DOUBLE
) WITH ('connector' = 'print');

INSERT INTO per_10m
SELECT window_start, COUNT(*),
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x),
       PERCENTILE_CONT(0.75) WITHIN GROUP (ORDER BY x DESC),
       PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY a),
       PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY k),
       APPROX_PERCENTILE(x, 0.1), APPROX_PERCENTILE(x, 0.9)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' MINUTE))
GROUP BY window_start, window_end;
