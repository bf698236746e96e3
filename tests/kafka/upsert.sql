-- upsert.sql - tests/kafka/run.sh cases kafka/upsert/*: changelog GROUP BYs
-- over the flights topic into upsert-kafka topics.
--
-- per_origin: flights per origin; every flight updates its origin's row, so
-- the topic holds one message per flight and the last value per key is the
-- table (compared with DuckDB's GROUP BY).
-- by_count: how many origins have each number of flights. As an origin's
-- count grows it leaves one bucket for the next: the inner aggregation's
-- -U/+U become -U/+U of the outer one, and a bucket that empties is a -D,
-- written as a tombstone. Reading the topic back as a table is right only
-- if the tombstones delete.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'flights',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'sluice-upsert',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);

CREATE TABLE per_origin (
  origin      STRING,
  flights     BIGINT,
  total_delay BIGINT,
  max_delay   BIGINT,
  PRIMARY KEY (origin) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'per_origin',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);

CREATE TABLE by_count (
  flights BIGINT,
  origins BIGINT,
  PRIMARY KEY (flights) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'by_count',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json'
);

INSERT INTO per_origin
SELECT origin, COUNT(*), SUM(delay), MAX(delay) FROM flights GROUP BY origin;

INSERT INTO by_count
SELECT flights, COUNT(*)
FROM (SELECT origin, COUNT(*) AS flights FROM flights GROUP BY origin)
GROUP BY flights;
