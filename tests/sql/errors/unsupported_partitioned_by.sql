-- expect: unsupported_partitioned_by.sql:4:27: error: PARTITIONED BY is not supported yet
-- PARTITIONED BY of a filesystem table is named.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE o (k STRING) PARTITIONED BY (k) WITH ('connector' = 'filesystem', 'path' = 'o', 'format' = 'json');
