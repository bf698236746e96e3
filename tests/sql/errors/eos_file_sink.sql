-- expect: eos_file_sink.sql:5:35: error: 'sink.delivery-guarantee' = 'exactly-once' is an option of Kafka sinks (a filesystem sink is exactly-once whenever the run has --state-dir)
-- The delivery guarantee is an option of the Kafka connector.
CREATE TABLE ev (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl');
CREATE TABLE dst (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'out.jsonl',
      'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'p');
INSERT INTO dst SELECT a FROM ev;
