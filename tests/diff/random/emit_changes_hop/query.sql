-- EMIT CHANGES on a HOP aggregation (slide 30 s, size 90 s) per flag: every
-- record updates the row of each window that holds it; the changelog
-- applied to an empty table leaves the batch result.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE hop_changes (
  flag BOOLEAN, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_a BIGINT, max_k STRING
) WITH ('connector' = 'print');

INSERT INTO hop_changes
SELECT flag, window_start, window_end, COUNT(*), SUM(a), MAX(k)
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '90' SECOND))
GROUP BY flag, window_start, window_end
EMIT CHANGES;
