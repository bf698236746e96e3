-- An upsert record read from a file must say what it does: a delete is
-- {"key": {...}, "value": null}. A line without a "value" member (a
-- truncated or hand-written record) is malformed: it must not delete the
-- key as if it were a tombstone.
--   1 {"key":{"id":1},"value":{...}}   +I 1
--   2 {"key":{"id":1}}                 malformed (no "value"): nothing
--   3 {"key":{"id":1},"value":null}    -D 1
CREATE TABLE accounts (id INT, balance BIGINT, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'accounts', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE changes (id INT, balance BIGINT) WITH ('connector' = 'print');
INSERT INTO changes SELECT id, balance FROM accounts;
