-- expect: upsert_sink_no_key.sql:10:13: error: upsert sink 'o' is written by a changelog without a unique key: its updates cannot be keyed by the PRIMARY KEY; aggregate with GROUP BY the key columns, or write to 'connector' = 'print' or 'format' = 'debezium-json'
-- A debezium source without a PRIMARY KEY is a changelog without a key:
-- its -U/+U cannot be matched to the sink's key.
CREATE TABLE src (id INT, name STRING)
WITH ('connector' = 'filesystem', 'path' = 'src.jsonl', 'format' = 'debezium-json');
CREATE TABLE o (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'o', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json');
-- the insert
INSERT INTO o
SELECT id, name FROM src;
