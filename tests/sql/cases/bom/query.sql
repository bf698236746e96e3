-- A file that starts with a UTF-8 byte order mark (EF BB BF): the mark is
-- not part of the first record, so line 1 decodes like any other line
-- (Flink's Jackson skips it too). A BOM-like sequence inside a later line is
-- data and makes that line malformed.
--
-- Expected by hand: line 1 -> {"id":1,"name":"a"}; line 2 -> {"id":2,"name":"b"};
-- line 3 starts with the three bytes, not at the start of the file -> malformed.
CREATE TABLE ev (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE out1 (id INT, name STRING) WITH ('connector' = 'print');
INSERT INTO out1 SELECT id, name FROM ev;
