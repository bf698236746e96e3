-- expect: unsupported_primary_key.sql:2:42: error: PRIMARY KEY (changelog tables) is not supported yet; declare the table without it to read it as an append-only stream
CREATE TABLE users (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'filesystem', 'path' = 'users.jsonl', 'format' = 'json');
CREATE TABLE dst (name STRING) WITH ('connector' = 'print');
INSERT INTO dst SELECT name FROM users;
