-- malformed.sql - tests/kafka/run.sh case kafka/malformed: every decodable
-- record of topic `mixed` is copied to topic `mixed_out`; malformed ones are
-- reported (partition, offset) and counted, and processing goes on.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'mixed',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'sluice-malformed',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'dead-letter.topic' = 'mixed_dead'
);

CREATE TABLE copied (
  `date`      TIMESTAMP(3),
  origin      STRING,
  destination STRING,
  delay       BIGINT,
  distance    BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'mixed_out',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);

INSERT INTO copied
SELECT `date`, origin, destination, delay, distance FROM flights;
