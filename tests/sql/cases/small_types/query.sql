-- TINYINT, SMALLINT and FLOAT columns: decoded with their ranges (128 is
-- malformed for TINYINT, 40000 for SMALLINT), computed as INT (so
-- 127 + 127 = 254, no TINYINT overflow) and FLOAT as DOUBLE; output as JSON
-- numbers. Casts to the small types keep the low bits (Java's (short) and
-- (byte), as Flink's CAST).
--   1 t=127  s=32767  f=1.5   -> t2 254, s2 65534, f2 3, tc 127 (CAST(t AS SMALLINT)), sc -1 (CAST(s AS TINYINT): (byte) 0x7fff)
--   2 t=-128 s=-32768 f=-0.25 -> t2 -256, s2 -65536, f2 -0.5, tc -128, sc 0 ((byte) 0x8000)
--   3 t=128 -> malformed (TINYINT range)
--   4 s=40000 -> malformed (SMALLINT range)
--   5 t=5 s=100 f=null -> t2 10, s2 200, f2 NULL, tc 5, sc 100
CREATE TABLE ev (t TINYINT, s SMALLINT, f FLOAT)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json') AS
SELECT t, s, f, t + t AS t2, s + s AS s2, f * 2 AS f2, CAST(t AS SMALLINT) AS tc,
       CAST(s AS TINYINT) AS sc
FROM ev;
