-- expect: eos_no_prefix.sql:6:35: error: 'sink.delivery-guarantee' = 'exactly-once' needs 'sink.transactional-id-prefix' (its Kafka transactional ids start with it, as in Flink)
-- Flink's rule: exactly-once Kafka sinks name their transactions.
CREATE TABLE ev (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl');
CREATE TABLE dst (a BIGINT)
WITH ('connector' = 'kafka', 'topic' = 'out', 'properties.bootstrap.servers' = 'b:9092',
      'sink.delivery-guarantee' = 'exactly-once');
INSERT INTO dst SELECT a FROM ev;
