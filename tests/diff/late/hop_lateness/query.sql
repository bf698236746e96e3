-- HOP windows (slide 10 s, size 30 s) per flag with 10 s allowed lateness:
-- per window, a late record updates a fired window kept for the lateness
-- and is dropped from one that is past it; it counts as late only when
-- dropped from every window that holds it.
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

CREATE TABLE per_hop (
  flag BOOLEAN, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, max_x DOUBLE
) WITH ('connector' = 'print');

INSERT INTO per_hop
SELECT flag, window_start, window_end, COUNT(*), MAX(x)
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '30' SECOND))
GROUP BY flag, window_start, window_end;
