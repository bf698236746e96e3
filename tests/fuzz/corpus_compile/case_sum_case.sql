-- Conditional aggregation: SUM(CASE ...) and COUNT(CASE ... END) (COUNT
-- skips the NULL of a CASE without ELSE), AVG over a CASE, with WHERE
-- applied before aggregation (status 'test' rows never count).
-- Window [0,1 min), per origin:
--   JFK: delays 20, 5, -3, 16 (status ok)     -> n 4, late 2 (20, 16), early 1, on_time_avg 1 (AVG(CASE delay <= 15 THEN delay) = (5 + -3)/2 = 1)
--   LAX: delays 40, NULL (ok), 99 (test: dropped) -> n 2, late 1, early 0, on_time_avg NULL
-- Window [1 min, 2 min): JFK: 15 -> n 1, late 0, early 0, on_time_avg 15
CREATE TABLE flights (origin STRING, delay INT, status STRING, ts TIMESTAMP(3),
                      WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'flights.jsonl', 'format' = 'json');

CREATE TABLE stats (origin STRING, n BIGINT, late INT, early BIGINT, on_time_avg INT)
WITH ('connector' = 'filesystem', 'path' = 'stats.jsonl', 'format' = 'json');

INSERT INTO stats
SELECT origin, COUNT(*), SUM(CASE WHEN delay > 15 THEN 1 ELSE 0 END),
       COUNT(CASE WHEN delay < 0 THEN 1 END), AVG(CASE WHEN delay <= 15 THEN delay END)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
WHERE status <> 'test'
GROUP BY origin, window_start, window_end;
