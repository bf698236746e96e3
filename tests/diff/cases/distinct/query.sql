-- SELECT DISTINCT without a window: each route with a flight delayed more
-- than 3 hours, once (the first such flight inserts it: a changelog of +I
-- rows only, applied to an empty table).
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE bad_routes (origin STRING, destination STRING) WITH ('connector' = 'print');

INSERT INTO bad_routes
SELECT DISTINCT origin, destination FROM flights WHERE delay > 180;
