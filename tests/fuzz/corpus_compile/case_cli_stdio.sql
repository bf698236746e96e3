-- --input NAME=- reads stdin and --output NAME=- writes stdout (JSON lines).
--   stdin: (a, 1), (b, 2) -> v * 100: 100, 200
CREATE TABLE src (k STRING, v INT)
WITH ('connector' = 'filesystem', 'path' = 'nowhere/src.jsonl', 'format' = 'json');
CREATE TABLE dst (k STRING, v INT)
WITH ('connector' = 'filesystem', 'path' = 'nowhere/dst.jsonl', 'format' = 'json');
INSERT INTO dst SELECT k, v * 100 FROM src;
