-- expect: window_over_window_columns.sql:12:6: error: the input of this window already has a column 'window_start', which the window adds; rename it in the query it comes from (e.g. window_start AS ws, window_time AS rowtime)
-- A window over rows that already carry window columns (a cascading window
-- over a windowed view that kept their names) would add them twice.
CREATE TABLE flights (`date` TIMESTAMP(3), origin STRING, WATERMARK FOR `date` AS `date`)
WITH ('connector' = 'filesystem', 'path' = 'x.jsonl', 'format' = 'json');
CREATE VIEW hourly AS
  SELECT origin, window_start, window_end, window_time, COUNT(*) AS n
  FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' HOUR))
  GROUP BY origin, window_start, window_end, window_time;
CREATE TABLE daily (m BIGINT) WITH ('connector' = 'print');
INSERT INTO daily SELECT MAX(n)
FROM TABLE(TUMBLE(TABLE hourly, DESCRIPTOR(window_time), INTERVAL '1' DAY))
GROUP BY window_start, window_end;
