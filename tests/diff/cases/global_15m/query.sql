-- Global (no key) 15-minute tumbling windows.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE quarter_hours (
  window_start TIMESTAMP(3), window_end TIMESTAMP(3),
  flights BIGINT, total_delay BIGINT, min_distance BIGINT, max_distance BIGINT,
  avg_distance DOUBLE, late_minutes BIGINT
) WITH ('connector' = 'print');

INSERT INTO quarter_hours
SELECT window_start, window_end,
       COUNT(*), SUM(delay), MIN(distance), MAX(distance), AVG(CAST(distance AS DOUBLE)),
       SUM(CASE WHEN delay > 0 THEN delay ELSE 0 END)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '15' MINUTE))
GROUP BY window_start, window_end;
