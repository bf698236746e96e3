-- debezium.sql - tests/kafka/run.sh cases kafka/debezium/*: a debezium-json
-- topic of changes to a table of flights (tests/kafka/cdc.mjs) aggregated
-- per origin. The changelog goes to a debezium-json file (--output) and to a
-- debezium-json topic; folded, each must be the aggregation of the table
-- the changes leave behind (DuckDB over cdc.mjs's final table). MIN and MAX
-- must forget the values of deleted and updated rows.
CREATE TABLE cdc (
  id       INT,
  origin   STRING,
  delay    BIGINT,
  distance BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'cdc',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'sluice-debezium',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'debezium-json'
);

CREATE TABLE cdc_per_origin (
  origin         STRING,
  n              BIGINT,
  total_delay    BIGINT,
  min_delay      BIGINT,
  max_delay      BIGINT,
  total_distance BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = 'cdc_per_origin.jsonl',
  'format' = 'debezium-json'
);

CREATE TABLE cdc_per_origin_topic (
  origin         STRING,
  n              BIGINT,
  total_delay    BIGINT,
  min_delay      BIGINT,
  max_delay      BIGINT,
  total_distance BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'cdc_per_origin',
  'properties.bootstrap.servers' = 'localhost:9092',
  -- one partition keeps the changes in order (they have no key), and zstd
  -- keeps its ~6 MB of changes under the dev broker's 5 MB a partition
  'properties.compression.type' = 'zstd',
  'format' = 'debezium-json'
);

INSERT INTO cdc_per_origin
SELECT origin, COUNT(*), SUM(delay), MIN(delay), MAX(delay), SUM(distance) FROM cdc GROUP BY origin;

INSERT INTO cdc_per_origin_topic
SELECT origin, COUNT(*), SUM(delay), MIN(delay), MAX(delay), SUM(distance) FROM cdc GROUP BY origin;
