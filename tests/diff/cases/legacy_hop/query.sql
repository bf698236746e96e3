-- Legacy group window GROUP BY HOP(ts, slide, size) with HOP_START and
-- HOP_END: 6-hour windows every 2 hours per destination, HAVING on COUNT.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE hop_legacy (
  destination STRING, h_start TIMESTAMP(3), h_end TIMESTAMP(3), arrivals BIGINT, max_delay BIGINT
) WITH ('connector' = 'print');

INSERT INTO hop_legacy
SELECT destination, HOP_START(`date`, INTERVAL '2' HOUR, INTERVAL '6' HOUR),
       HOP_END(`date`, INTERVAL '2' HOUR, INTERVAL '6' HOUR), COUNT(*), MAX(delay)
FROM flights
GROUP BY HOP(`date`, INTERVAL '2' HOUR, INTERVAL '6' HOUR), destination
HAVING COUNT(*) >= 20;
