-- The key of an upsert record is decoded with 'key.format' = 'json' as in
-- Flink, also when a value comes with it (whose columns then win, with
-- 'value.fields-include' = 'ALL'): a key that is not a JSON object makes
-- the record malformed rather than an upsert of whatever the value holds.
--   1 {"key":"garbage", "value":{id 1, 10}}   malformed
--   2 {"key":[1], "value":{id 1, 11}}         malformed
--   3 {"key":{"id":1}, "value":{id 1, 12}}    +I 1
CREATE TABLE accounts (id INT, balance BIGINT, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'accounts', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE changes (id INT, balance BIGINT) WITH ('connector' = 'print');
INSERT INTO changes SELECT id, balance FROM accounts;
