-- A 'print' sink writes JSON lines to stdout without any --output.
--   (1, 2.5) -> {"n":1,"half":1.25}; (2, NULL) -> {"n":2,"half":null}
CREATE TABLE src (n INT, x DOUBLE)
WITH ('connector' = 'filesystem', 'path' = 'src.jsonl', 'format' = 'json');
CREATE TABLE shown (n INT, half DOUBLE) WITH ('connector' = 'print');
INSERT INTO shown SELECT n, x / 2 FROM src;
