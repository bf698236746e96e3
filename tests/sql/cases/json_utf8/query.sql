-- A JSON string that is not valid UTF-8 makes its record malformed, as in
-- Jackson (Flink's JSON parser), whether the query reads the field or only
-- skips it, and in keys too; valid multi-byte text passes through, and the
-- output stays valid JSON. The reported reason shows the bad bytes escaped.
--   1 {"s":"caf\xc3\xa9","t":"x"}     ok
--   2 {"s":"bad\xff","t":"x"}         malformed (read field)
--   3 {"s":"ok","t":"\xc0\x80"}       malformed (skipped field, overlong NUL)
--   4 {"s":"ok","\xed\xa0\x80":1}     malformed (key holds a surrogate)
--   5 {"s":"\xf0\x9f\x98\x80 \u00e9"} ok (4-byte UTF-8 and an escape)
--   6 {"s":"trunc\xe2\x82"}           malformed (truncated sequence)
--   7 {"s":"x\x1b[2Jy\x07"}           malformed (raw control characters), and the
--                                   report shows them as \x1B and \x07, so the
--                                   record cannot clear the user's screen
CREATE TABLE ev (s STRING, t STRING)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl') AS
SELECT s, CHAR_LENGTH(s) AS n FROM ev;
