-- STDDEV/VAR (POP and SAMP) and the order-dependent FIRST_VALUE, LAST_VALUE
-- and LISTAGG over nullable columns, per flag and 2-minute window. Input
-- order is the file's (the records are out of event-time order: arrival
-- order counts, not ts); NULLs are skipped; a window whose values are all
-- NULL gives NULL.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_flag (
  flag BOOLEAN, window_start TIMESTAMP(3), n BIGINT,
  sd_pop_x DOUBLE, sd_samp_a DOUBLE, var_pop_b DOUBLE, var_samp_x DOUBLE,
  first_k STRING, last_k STRING, first_a BIGINT, last_x DOUBLE, ks STRING, ks_default STRING
) WITH ('connector' = 'print');

INSERT INTO per_flag
SELECT flag, window_start, COUNT(*), STDDEV_POP(x), STDDEV_SAMP(a), VAR_POP(b), VAR_SAMP(x),
       FIRST_VALUE(k), LAST_VALUE(k), FIRST_VALUE(a), LAST_VALUE(x), LISTAGG(k, ' | '), LISTAGG(k)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '2' MINUTE))
GROUP BY flag, window_start, window_end;
