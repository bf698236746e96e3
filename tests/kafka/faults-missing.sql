-- faults-missing.sql - tests/kafka/faults.sh: a source topic that does not
-- exist is an error naming it, bounded or not.
CREATE TABLE ev (a BIGINT) WITH (
  'connector' = 'kafka',
  'topic' = 'no_such_topic',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);
CREATE TABLE copied (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'copied.jsonl');
INSERT INTO copied SELECT a FROM ev;
