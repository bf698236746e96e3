/* Lexical forms: block comments (they do not nest, as in Flink), line
   comments, keywords in any case, `backquoted` identifiers (a keyword, a
   name with a space, one with a backquote doubled ``), a column named
   timestamp, strings with doubled quotes, a trailing semicolon. */
create table `select` (               -- a keyword as a table name
  `user name` string,                 -- space in a column name (also the JSON key)
  `a``b` int,                         -- a backquote in the name: JSON key a`b
  `timestamp` timestamp(3),
  Mixed INT
) with ('connector' = 'filesystem', 'path' = 'select.jsonl', 'format' = 'json');

CREATE TABLE Out1 (`user name` STRING, ab INT, ts TIMESTAMP(3), note STRING, m INT)
WITH ('connector' = 'filesystem', 'path' = 'Out1.jsonl', 'format' = 'json');

-- names resolve case-insensitively: MIXED / mixed, out1 / Out1, `SELECT`
InSeRt INTO out1
SElect `user name`, `a``b`, `timestamp`, 'it''s' /* inline */ || '--not a comment', MIXED + 1
FROM `SELECT`;
