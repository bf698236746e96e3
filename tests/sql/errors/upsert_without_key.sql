-- expect: upsert_without_key.sql:5:7: error: 'upsert-kafka' table 'accounts' needs a PRIMARY KEY (...) NOT ENFORCED (it becomes the Kafka message key)
-- An upsert-kafka table without a primary key has no message key: refused
-- at the connector option, as in Flink.
CREATE TABLE accounts (id INT, balance BIGINT)
WITH ('connector' = 'upsert-kafka', 'topic' = 'accounts', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE dst (id INT, balance BIGINT) WITH ('connector' = 'print');
INSERT INTO dst SELECT id, balance FROM accounts;
