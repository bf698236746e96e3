-- DOUBLE edge cases. x / 0 is NULL also for doubles (sluice's documented
-- choice, also x / -0.0); values JSON cannot represent (NaN, infinities)
-- are written as null; -0.0 is written as -0; NaN compares unequal to
-- itself (Java ==); 0.1 * 3 = 0.30000000000000004.
--   row  d     s       div0  divz (d / CAST(s))  big (d * 1e308 * 1e10)  neg   nan_eq (sn = sn)  prod                 sn
--   1    1.5   '-0.0'  NULL  NULL (/ -0.0)       Infinity -> null         -1.5  true              4.5                  -0
--   2    -0.0  'NaN'   NULL  NaN -> null         -0                       0     false (NaN)       -0                   NaN -> null
--   3    0.1   'x'     NULL  NULL (cast fails)   Infinity -> null         -0.1  NULL              0.30000000000000004  NULL
CREATE TABLE ev (d DOUBLE, s STRING)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl') AS
SELECT d / 0 AS div0, d / CAST(s AS DOUBLE) AS divz, d * 1e308 * 1e10 AS big, -d AS neg,
       CAST(s AS DOUBLE) = CAST(s AS DOUBLE) AS nan_eq, d * 3 AS prod, CAST(s AS DOUBLE) AS sn
FROM ev;
