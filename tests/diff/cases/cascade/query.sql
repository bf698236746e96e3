-- Cascading windows: a view of 10-minute counts per origin keeps window_time
-- as its time attribute, and an hourly TUMBLE over that view aggregates the
-- 10-minute results (Flink's cascading window aggregation; the view renames
-- the bounds so the second TVF's window_start is unambiguous).
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE VIEW per_10m AS
SELECT origin, window_start AS w10_start, window_end AS w10_end, window_time AS rowtime,
       COUNT(*) AS c, SUM(delay) AS d
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '10' MINUTE))
GROUP BY origin, window_start, window_end, window_time;

CREATE TABLE hourly_of_10m (
  window_start TIMESTAMP(3), window_end TIMESTAMP(3), origin_windows BIGINT, flights BIGINT,
  busiest BIGINT, total_delay BIGINT, last_w10 TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO hourly_of_10m
SELECT window_start, window_end, COUNT(*), SUM(c), MAX(c), SUM(d), MAX(w10_start)
FROM TABLE(TUMBLE(TABLE per_10m, DESCRIPTOR(rowtime), INTERVAL '1' HOUR))
GROUP BY window_start, window_end;
