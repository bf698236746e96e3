-- expect: read_write_same_path.sql:7:13: error: 'big' writes the file './data//f.jsonl', which this query reads (table 'flights'); reading and writing the same file is not supported yet
CREATE TABLE flights (origin STRING, delay BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'data/f.jsonl', 'format' = 'json');
CREATE TABLE big (origin STRING, delay BIGINT)
WITH ('connector' = 'filesystem', 'path' = './data//f.jsonl', 'format' = 'json');
CREATE TABLE other (origin STRING) WITH ('connector' = 'print');
INSERT INTO big SELECT origin, delay FROM flights WHERE delay > 10;
