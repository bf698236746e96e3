-- CAST between BOOLEAN, INT, BIGINT, DOUBLE, VARCHAR and TIMESTAMP(3).
-- Failed string casts give NULL (sluice's TRY_CAST behaviour); numeric
-- casts are Java's primitive casts, as in Flink (narrowing keeps the low
-- bits, DOUBLE to INT saturates). String to number ignores surrounding whitespace.
-- String to BOOLEAN takes true/false, t/f, yes/no, y/n, 1/0 in any case
-- (Flink's list). DOUBLE to integer truncates toward zero. BOOLEAN to
-- number is 1/0, number to BOOLEAN is x <> 0. BOOLEAN to string is
-- TRUE/FALSE (Flink). TIMESTAMP to string is 'YYYY-MM-DD HH:MM:SS.fff'.
--   s        s_int   s_big        s_dbl  s_bool  s_ts
--   '42'     42      42           42     NULL    NULL
--   ' -7 '   -7      -7           -7     NULL    NULL
--   '4x'     NULL    NULL         NULL   NULL    NULL
--   '3000000000' NULL 3000000000  3000000000 NULL NULL
--   '1.5'    NULL    NULL         1.5    NULL    NULL
--   'yes'    NULL    NULL         NULL   true    NULL
--   'F'      NULL    NULL         NULL   false   NULL
--   '2024-01-01 00:00:01'  NULL NULL NULL NULL  '2024-01-01 00:00:01.000'
--   '1'      1       1            1      true    NULL
--   NULL     NULL    NULL         NULL   NULL    NULL
-- d (DOUBLE) -> INT: 2.7 -> 2, -2.7 -> -2, 1e10 -> 2147483647 (Java's (int) saturates), NULL -> NULL
-- d -> VARCHAR (Java's Double.toString, as Flink): 2.7 -> '2.7', -2.7 -> '-2.7',
--   1e10 -> '1.0E10', 2.0 -> '2.0', 0.0001 -> '1.0E-4', 1234567.5 -> '1234567.5',
--   12345678.9 -> '1.23456789E7' (scientific from 1e7 and below 1e-3); to INT
--   2.0 -> 2, 0.0001 -> 0, 1234567.5 -> 1234567, 12345678.9 -> 12345678
-- i (INT) -> VARCHAR/DOUBLE/BOOLEAN: 42 -> '42', 42, true; 0 -> '0', 0, false
-- b (BOOLEAN) -> INT / VARCHAR: true -> 1 / 'TRUE'; false -> 0 / 'FALSE'
-- ts -> VARCHAR: '2024-01-01 00:00:01.500'; -> BIGINT: epoch ms 1704067201500
-- big (BIGINT) -> INT: 3000000000 -> -1294967296 (low 32 bits), 5 -> 5, 0 -> 0; -> TIMESTAMP (epoch ms):
--   3000000000 ms = 34 days 17:20 -> '1970-02-04 17:20:00.000', 5 -> '...00.005', 0 -> epoch
CREATE TABLE t (s STRING, d DOUBLE, i INT, b BOOLEAN, ts TIMESTAMP(3), big BIGINT)
WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');

CREATE TABLE res (s_int INT, s_big BIGINT, s_dbl DOUBLE, s_bool BOOLEAN, s_ts TIMESTAMP(3),
                  d_int INT, d_str STRING, i_str STRING, i_dbl DOUBLE, i_bool BOOLEAN,
                  b_int INT, b_str STRING, ts_str STRING, ts_ms BIGINT, big_int INT,
                  big_ts TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json');

INSERT INTO res
SELECT CAST(s AS INT), CAST(s AS BIGINT), CAST(s AS DOUBLE), CAST(s AS BOOLEAN),
       CAST(s AS TIMESTAMP(3)),
       CAST(d AS INT), CAST(d AS VARCHAR), CAST(i AS VARCHAR), CAST(i AS DOUBLE),
       CAST(i AS BOOLEAN), CAST(b AS INT), CAST(b AS STRING), CAST(ts AS VARCHAR),
       CAST(ts AS BIGINT), CAST(big AS INT), CAST(big AS TIMESTAMP(3))
FROM t;
