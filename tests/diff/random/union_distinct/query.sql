-- UNION (distinct) of two projections of one stream: each key once, the
-- NULL key too, whichever branch brings it first (append-only: a key is
-- emitted on its first arrival and never retracted).
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE union_keys (k STRING, b_sign INT) WITH ('connector' = 'print');

INSERT INTO union_keys
SELECT k, 1 FROM events WHERE a > 0
UNION
SELECT k, CASE WHEN b < 0 THEN -1 ELSE 1 END FROM events WHERE flag;
