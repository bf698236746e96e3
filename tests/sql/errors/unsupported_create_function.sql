-- expect: unsupported_create_function.sql:4:18: error: CREATE FUNCTION is not supported yet
-- CREATE FUNCTION (user-defined functions) is named.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TEMPORARY FUNCTION f AS 'com.example.F';
