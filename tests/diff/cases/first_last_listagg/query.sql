-- FIRST_VALUE, LAST_VALUE and LISTAGG (default ',' and a given separator)
-- per origin and day over long flights: in input (file) order, which the
-- append-only input keeps.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE daily_order (
  origin STRING, window_start TIMESTAMP(3), first_dest STRING, last_delay BIGINT,
  first_delay BIGINT, last_dest STRING, dests STRING, delays STRING
) WITH ('connector' = 'print');

INSERT INTO daily_order
SELECT origin, window_start, FIRST_VALUE(destination), LAST_VALUE(delay), FIRST_VALUE(delay),
       LAST_VALUE(destination), LISTAGG(destination), LISTAGG(CAST(delay AS STRING), '; ')
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' DAY))
WHERE distance > 1500
GROUP BY origin, window_start, window_end;
