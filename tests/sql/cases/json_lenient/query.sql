-- Leniencies of the JSON format (Flink's json format behaves the same): a
-- STRING column takes the JSON text of a number, boolean, object or array;
-- numbers may be quoted for numeric columns; an escaped key ("\u0069d")
-- names the same field as a plain one; whitespace around tokens, CRLF line
-- ends and a last line without a newline are fine; an empty object gives
-- all NULLs.
--   1 {"id":1,"s":42}                 -> s '42'
--   2 {"id":2,"s":{"a":[1,true]}}     -> s '{"a":[1,true]}'
--   3 {"\u0069d":"3","s":true}        -> id 3 (escaped key, quoted number), s 'true'
--   4 { "id" : 4 , "s" : [ ] }  (CRLF) -> s '[ ]'
--   5 {}                              -> all NULL
--   6 {"id":6,"s":"last"} (no final newline)
CREATE TABLE ev (id INT, s STRING)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE res (id INT, s STRING)
WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json');
INSERT INTO res SELECT id, s FROM ev;
