-- Late records in SESSION windows (PARTITION BY k, gap 45 s): a record whose
-- window [ts, ts + 45 s) meets no session still open in its partition and
-- whose own window had already passed the watermark (ts + 45 s - 1 ms <=
-- watermark before it) is dropped and counted late; one that meets only
-- fired sessions starts a new session. The oracle replays the stream
-- (sessions.mjs) to know which session each record ends in.
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
  k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_a BIGINT, max_x DOUBLE
) WITH ('connector' = 'print');

INSERT INTO k_sessions
SELECT k, window_start, window_end, COUNT(*), SUM(a), MAX(x)
FROM TABLE(SESSION(TABLE events PARTITION BY k, DESCRIPTOR(ts), INTERVAL '45' SECOND))
GROUP BY k, window_start, window_end;
