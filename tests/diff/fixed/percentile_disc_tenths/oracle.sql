WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max AS mx
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT', 'v': 'INTEGER', 'ts': 'TIMESTAMP'})
)
SELECT percentile_disc(0.0) WITHIN GROUP (ORDER BY v) AS p0, percentile_disc(0.1) WITHIN GROUP (ORDER BY v) AS p1,
       percentile_disc(0.2) WITHIN GROUP (ORDER BY v) AS p2, percentile_disc(0.3) WITHIN GROUP (ORDER BY v) AS p3,
       percentile_disc(0.4) WITHIN GROUP (ORDER BY v) AS p4, percentile_disc(0.5) WITHIN GROUP (ORDER BY v) AS p5,
       percentile_disc(0.6) WITHIN GROUP (ORDER BY v) AS p6, percentile_disc(0.7) WITHIN GROUP (ORDER BY v) AS p7,
       percentile_disc(0.8) WITHIN GROUP (ORDER BY v) AS p8, percentile_disc(0.9) WITHIN GROUP (ORDER BY v) AS p9,
       percentile_disc(1.0) WITHIN GROUP (ORDER BY v) AS p10
FROM e;
