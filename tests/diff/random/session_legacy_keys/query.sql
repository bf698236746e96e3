-- Legacy GROUP BY k, flag, SESSION(ts, INTERVAL '30' SECOND) with
-- SESSION_START / SESSION_END: sessions per pair of keys (NULLs are keys).
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE pair_sessions (
  k STRING, flag BOOLEAN, s_start TIMESTAMP(3), s_end TIMESTAMP(3), n BIGINT, max_b INT
) WITH ('connector' = 'print');

INSERT INTO pair_sessions
SELECT k, flag, SESSION_START(ts, INTERVAL '30' SECOND), SESSION_END(ts, INTERVAL '30' SECOND), COUNT(*), MAX(b)
FROM events
GROUP BY k, flag, SESSION(ts, INTERVAL '30' SECOND);
