-- expect: except_key_not_upsert.sql:6:51: error: 'value.fields-include' = 'EXCEPT_KEY' applies to 'upsert-kafka' tables (their key columns travel in the message key)
-- EXCEPT_KEY drops the key columns from the value: only a table whose
-- message key holds them can do that.
CREATE TABLE t (id INT, v BIGINT, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'localhost:9092',
      'format' = 'json', 'value.fields-include' = 'EXCEPT_KEY');
CREATE TABLE dst (id INT, v BIGINT) WITH ('connector' = 'print');
INSERT INTO dst SELECT id, v FROM t;
