-- Column names that JSON must escape ("a\"b" for a"b, "c\\d" for c\d) are
-- matched only through the decoded key: raw bytes like "a"b" are not a valid
-- key, so such records are malformed. Epoch milliseconds may be any int64:
-- years outside 0000..9999 are written with a sign, as Java does, and read
-- back the same way.
--   1 {"a\"b":1,"c\\d":"x","ts":1704067200000}  ok: 1, x, 2024-01-01 00:00:00.000
--   2 {"a"b":2,"ts":1704067200000}                malformed (invalid JSON key)
--   3 {"c\d":"y","ts":1704067200000}              malformed (invalid escape \d)
--   4 {"a\"b":4,"ts":-9223372036854775808}        ok: -292275055-05-16 16:47:04.192
--   5 {"a\"b":5,"ts":253402300799999}             ok: 9999-12-31 23:59:59.999
--   6 {"a\"b":6,"ts":-62167219200000}             ok: 0000-01-01 00:00:00.000
--   7 {"a\"b":7,"ts":253402300800000}             ok: +10000-01-01 00:00:00.000
CREATE TABLE ev (`a"b` INT, `c\d` STRING, ts TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE res (ab INT, cd STRING, ts TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json');

INSERT INTO res SELECT `a"b`, `c\d`, ts FROM ev;
