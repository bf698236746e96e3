-- expect: eos_bad_value.sql:6:35: error: unknown sink.delivery-guarantee 'exactly_once' (supported: exactly-once, at-least-once, none)
-- Flink's values only.
CREATE TABLE ev (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl');
CREATE TABLE dst (a BIGINT)
WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = 'b:9092',
      'sink.delivery-guarantee' = 'exactly_once', 'sink.transactional-id-prefix' = 'p');
INSERT INTO dst SELECT a FROM ev;
