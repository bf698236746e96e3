-- SESSION windows (PARTITION BY k, gap 45 s) with 10 s allowed lateness: a
-- fired session stays for 10 s more of watermark; a late record that meets
-- it joins it (the session's row is retracted and emitted again, its bounds
-- may move), one that meets none and whose own window is more than 10 s
-- past is dropped and counted. The oracle replays the stream with the same
-- rules (sessions.mjs --lateness).
SET 'table.exec.emit.allow-lateness' = '10 s';
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE k_sessions (
  k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_a BIGINT
) WITH ('connector' = 'print');

INSERT INTO k_sessions
SELECT k, window_start, window_end, COUNT(*), SUM(a)
FROM TABLE(SESSION(TABLE events PARTITION BY k, DESCRIPTOR(ts), INTERVAL '45' SECOND))
GROUP BY k, window_start, window_end;
