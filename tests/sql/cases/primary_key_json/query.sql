-- A PRIMARY KEY on a table read as plain JSON is metadata (Flink: NOT
-- ENFORCED): the stream stays append-only and every row passes, a repeated
-- key too; the key columns become NOT NULL, so a row without one is
-- malformed.
CREATE TABLE users (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'filesystem', 'path' = 'users.jsonl', 'format' = 'json');
CREATE TABLE dst (name STRING) WITH ('connector' = 'filesystem', 'path' = 'dst.jsonl');
INSERT INTO dst SELECT name FROM users;
