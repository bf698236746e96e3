-- AVG(DISTINCT b) of an INT column is INT, truncated toward zero (Java's
-- long division): (s - s % c) // c is exact whatever the signs.
WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 300000, 0) AS ws FROM e)
, g AS (
  SELECT ws, COUNT(*) AS n, COUNT(DISTINCT k) AS keys, SUM(DISTINCT b) AS sb, COUNT(DISTINCT b) AS cb,
         MIN(DISTINCT a) AS min_a, COUNT(DISTINCT x) FILTER (WHERE flag) AS flagged_x
  FROM w GROUP BY ws
)
SELECT epoch_ms(ws) AS window_start, n, keys, CAST(sb AS INTEGER) AS sum_b,
       CAST((sb - sb % cb) // cb AS INTEGER) AS avg_b, min_a, flagged_x
FROM g;
