-- delays-kafka.sql - examples/flights/delays.sql, Kafka to Kafka.
--
-- The same query and sink columns as delays.sql; the flights come from topic
-- `flights` and the hourly statistics go to topic `hourly_delays`. The
-- bootstrap servers below are a placeholder: pass the real ones with
-- --brokers. With --bounded the program reads what the topic holds when it
-- starts and exits; without it, it runs until SIGINT/SIGTERM.
--
--   make demo-kafka     (dev broker, load, build, run, read back)
--   bin/sluice build examples/flights/delays-kafka.sql -o delays-kafka
--   ./delays-kafka --brokers HOST:PORT --bounded
--
-- Watermarks are tracked per partition and the source's watermark is the
-- minimum over partitions, so records that are sorted by date within each
-- partition are never late, however the partitions interleave.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '5' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'flights',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'sluice-delays',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);

CREATE TABLE hourly_delays (
  origin       STRING,
  window_start TIMESTAMP(3),
  window_end   TIMESTAMP(3),
  flights      BIGINT,
  avg_delay    DOUBLE,
  min_delay    BIGINT,
  max_delay    BIGINT,
  delayed      BIGINT          -- flights more than 15 minutes late
) WITH (
  'connector' = 'kafka',
  'topic' = 'hourly_delays',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);

INSERT INTO hourly_delays
SELECT origin,
       window_start,
       window_end,
       COUNT(*)                                  AS flights,
       AVG(CAST(delay AS DOUBLE))                AS avg_delay,
       MIN(delay)                                AS min_delay,
       MAX(delay)                                AS max_delay,
       SUM(CASE WHEN delay > 15 THEN 1 ELSE 0 END) AS delayed
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' HOUR))
GROUP BY origin, window_start, window_end
HAVING COUNT(*) >= 5;
