-- A changelog GROUP BY k with HAVING on an aggregate that goes up and down:
-- a key's row is in the result while SUM(a) > 0, so it is retracted when the
-- sum turns negative and comes back when it turns positive again (HAVING
-- filters the aggregate's -U/+U pairs, as Flink's Calc does, so a retraction
-- may come without its +U and the reverse); NULL k is a group;
-- COUNT(DISTINCT), MIN/MAX and AVG of a nullable DOUBLE, AVG of a BIGINT
-- (a BIGINT, truncated toward zero, as in Flink) and FILTERed aggregates.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE positive_keys (
  k STRING, n BIGINT, sum_a BIGINT, min_x DOUBLE, max_x DOUBLE, avg_x DOUBLE, bs BIGINT, avg_a BIGINT,
  flagged BIGINT, sum_a_pos_b BIGINT
) WITH ('connector' = 'print');

INSERT INTO positive_keys
SELECT k, COUNT(*), SUM(a), MIN(x), MAX(x), AVG(x), COUNT(DISTINCT b), AVG(a),
       COUNT(*) FILTER (WHERE flag), SUM(a) FILTER (WHERE b > 0)
FROM events
GROUP BY k
HAVING SUM(a) > 0;
