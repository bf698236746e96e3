-- 'value.fields-include' = 'EXCEPT_KEY' (Flink's upsert-kafka option): the
-- message value holds only the columns outside the primary key; the key
-- columns come from the message key. Sources read them from the key, sinks
-- leave them out of the value. Reading such values as whole rows (the
-- default, 'ALL') finds no `id`: every record would be malformed.
--   {"id":1} -> {"owner":"ann","balance":10}   +I {1,ann,10}
--   {"id":1} -> {"owner":"ann","balance":11}   -U {1,ann,10}, +U {1,ann,11}
--   {"id":1} -> null                           -D {1,ann,11}
CREATE TABLE accounts (id INT, owner STRING, balance BIGINT, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'accounts', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json', 'value.fields-include' = 'EXCEPT_KEY');
CREATE TABLE changes (id INT, owner STRING, balance BIGINT) WITH ('connector' = 'print');
CREATE TABLE copy (id INT, owner STRING, balance BIGINT, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'copy', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json', 'value.fields-include' = 'EXCEPT_KEY');
INSERT INTO changes SELECT id, owner, balance FROM accounts;
INSERT INTO copy SELECT id, owner, balance FROM accounts;
