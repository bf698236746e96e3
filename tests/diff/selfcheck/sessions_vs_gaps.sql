-- oracle-selfcheck/sessions-vs-gaps (run.sh): random/session_keys's result
-- (SESSION PARTITION BY k, gap 40 s) computed from sessions.mjs's replay of
-- the random input. That input has no late record, so the replay must find
-- the sessions the gaps-and-islands oracle (random/session_keys/oracle.sql)
-- finds: two independent oracles of one query, checked against each other.
WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{sessions}}', format = 'newline_delimited', columns = {
    '_sid': 'BIGINT', '_late': 'BOOLEAN',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
SELECT k, epoch_ms(MIN(ms)) AS window_start, epoch_ms(MAX(ms) + 40000) AS window_end, COUNT(*) AS n,
       SUM(a) AS sum_a, MIN(x) AS min_x, MAX(x) AS max_x
FROM e
WHERE NOT _late
GROUP BY k, _sid;
