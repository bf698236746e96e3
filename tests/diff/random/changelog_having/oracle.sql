WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
SELECT k, COUNT(*) AS n, SUM(a) AS sum_a, MIN(x) AS min_x, MAX(x) AS max_x, AVG(x) AS avg_x,
       COUNT(DISTINCT b) AS bs,
       CAST((SUM(a) - SUM(a) % COUNT(a)) // COUNT(a) AS BIGINT) AS avg_a,
       COUNT(*) FILTER (WHERE flag) AS flagged, SUM(a) FILTER (WHERE b > 0) AS sum_a_pos_b
FROM e
GROUP BY k
HAVING SUM(a) > 0;
