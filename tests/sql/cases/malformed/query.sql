-- Malformed records are reported on stderr with their line number, counted,
-- and skipped; processing goes on. Line by line:
--    1 ok                                   10 unparseable event time
--    2 not JSON                             11 NULL (missing) in the NOT NULL column id
--    3 a JSON array, not an object          12 trailing garbage after the object
--    4 id is a string that is not a number  13 truncated object
--    5 id out of range for INT              14 empty line: skipped, not a record
--    6 ok (BOOLEAN) is a number             15 ok: duplicate key (the last wins: id 16),
--    7 price (DOUBLE) is a non-numeric         price as a quoted number "2.5"
--      string                               16 id "1.5": a string, not an integer
--    8 event time null                      17 ok: id as a quoted integer "42"
--    9 event time missing                   18 event time Feb 30 does not exist
-- 17 records read (the empty line is not one), 14 malformed, 3 written.
CREATE TABLE ev (id INT NOT NULL, ok BOOLEAN, price DOUBLE, ts TIMESTAMP(3),
                 WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE res (id INT, ok BOOLEAN, price DOUBLE)
WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json');

INSERT INTO res SELECT id, ok, price FROM ev;
