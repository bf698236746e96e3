-- SELECT DISTINCT over nullable columns: NULL equals NULL for DISTINCT, so
-- each (k, flag) pair once.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE pairs (k STRING, flag BOOLEAN) WITH ('connector' = 'print');

INSERT INTO pairs
SELECT DISTINCT k, flag FROM events;
