-- A window table function without aggregation: HOP(10 min, 25 min) over the
-- flights of one airport gives each flight once per window that holds it (2
-- or 3 rows), with window_start, window_end and window_time; rows go out as
-- they arrive.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE sfo_windows (
  `date` TIMESTAMP(3), destination STRING, delay BIGINT,
  window_start TIMESTAMP(3), window_end TIMESTAMP(3), window_time TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sfo_windows
SELECT `date`, destination, delay, window_start, window_end, window_time
FROM TABLE(HOP(TABLE flights, DESCRIPTOR(`date`), INTERVAL '10' MINUTE, INTERVAL '25' MINUTE))
WHERE origin = 'SFO';
