-- expect: read_write_same_table.sql:5:13: error: 'flights' writes the file 'f.jsonl', which this query reads (table 'flights'); reading and writing the same file is not supported yet
-- Opening the sink would truncate the file before the source has read it.
CREATE TABLE flights (origin STRING, delay BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'f.jsonl', 'format' = 'json');
INSERT INTO flights SELECT origin, delay FROM flights WHERE delay > 10;
