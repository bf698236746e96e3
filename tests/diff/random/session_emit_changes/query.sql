-- EMIT CHANGES on SESSION windows (PARTITION BY k, gap 40 s): the session's
-- row after every record; a session whose bounds grow is deleted (-D) and
-- inserted (+I) again, one merged into another is deleted. The changelog
-- applied to an empty table leaves the sessions of the whole input.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE session_changes (
  k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_b INT
) WITH ('connector' = 'print');

INSERT INTO session_changes
SELECT k, window_start, window_end, COUNT(*), SUM(b)
FROM TABLE(SESSION(TABLE events PARTITION BY k, DESCRIPTOR(ts), INTERVAL '40' SECOND))
GROUP BY k, window_start, window_end
EMIT CHANGES;
