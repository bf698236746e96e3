-- Projection with expressions: CASE, arithmetic (integer / and % on negative
-- numbers), string functions, ROUND/ABS/MOD/FLOOR/CEIL, over one airport.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE ord_flights (
  `date`        TIMESTAMP(3),
  origin_lc     STRING,
  route         STRING,
  route2        STRING,
  route_len     INT,
  dest_tail     STRING,
  dest_initial  STRING,
  status        STRING,
  delay_s       BIGINT,
  distance_100  BIGINT,
  delay_div7    BIGINT,
  delay_mod7    BIGINT,
  delay_rem5    BIGINT,
  abs_delay     BIGINT,
  third         DOUBLE,
  delay_h_floor DOUBLE,
  delay_h_ceil  DOUBLE,
  score         BIGINT,
  dest          STRING
) WITH ('connector' = 'print');

INSERT INTO ord_flights
SELECT `date`,
       LOWER(origin),
       CONCAT(origin, '-', destination),
       origin || '>' || destination,
       CHAR_LENGTH(CONCAT(origin, destination, 'x')),
       SUBSTRING(destination, 2, 2),
       UPPER(SUBSTRING(LOWER(destination), 1, 1)),
       CASE WHEN delay < 0 THEN 'early'
            WHEN delay <= 15 THEN 'punct'
            WHEN delay <= 60 THEN 'delay'
            ELSE 'heavy' END,
       delay * 60,
       distance / 100,
       delay / 7,
       MOD(delay, 7),
       delay % 5,
       ABS(delay),
       ROUND(CAST(distance AS DOUBLE) / 3, 1),
       FLOOR(CAST(delay AS DOUBLE) / 60),
       CEIL(CAST(delay AS DOUBLE) / 60),
       (delay + 2) * 3 - distance / 10,
       COALESCE(destination, 'n/a')
FROM flights
WHERE origin = 'ORD';
