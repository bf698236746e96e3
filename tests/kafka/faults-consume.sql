-- faults-consume.sql - tests/kafka/faults.sh: topic `ev` (group `faults`,
-- committed offsets first) copied to a file, for the broker-fault cases.
CREATE TABLE ev (a BIGINT, p STRING) WITH (
  'connector' = 'kafka',
  'topic' = 'ev',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'faults',
  'scan.startup.mode' = 'group-offsets',
  'format' = 'json'
);
CREATE TABLE copied (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'copied.jsonl');
INSERT INTO copied SELECT a FROM ev;
