-- expect: unsupported_similar_to.sql:4:26: error: SIMILAR TO is not supported yet
-- SIMILAR TO (Flink's regular-expression LIKE) is named.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
SELECT k FROM ev WHERE k SIMILAR TO 'a%';
