-- faults-produce.sql - tests/kafka/faults.sh: a file (a FIFO in the tests)
-- copied to topic `out`, for the cases where the brokers go away while
-- messages are waiting to be delivered.
CREATE TABLE ev (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl');
CREATE TABLE out_topic (a BIGINT) WITH (
  'connector' = 'kafka',
  'topic' = 'out',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json'
);
INSERT INTO out_topic SELECT a FROM ev;
