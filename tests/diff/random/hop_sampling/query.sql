-- HOP with a slide larger than the size (slide 1 min, size 20 s): windows
-- [m, m + 20 s) at each minute m; a record in the other 40 s of a minute is
-- in no window. It is not late either: no window of it had reached its end
-- (README: a record is late when the watermark had reached its window's
-- end - 1 ms), and this input has no late record. (Flink's window TVF
-- refuses such a HOP; its legacy group-window operator counts a record with
-- no window in its numLateRecordsDropped metric.)
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE sampled (
  k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_a BIGINT
) WITH ('connector' = 'print');

INSERT INTO sampled
SELECT k, window_start, window_end, COUNT(*), SUM(a)
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '20' SECOND))
GROUP BY k, window_start, window_end;
