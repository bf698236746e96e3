-- The decoder's fast path reads fields in declared order without
-- whitespace; at the first difference the generic decoder continues from
-- that exact point. Every layout below must decode the same way.
--
-- Expected by hand (a, b, c echoed):
--  1 declared order, compact                      -> 1, "x", 1.5
--  2 whitespace after ':' and around ','           -> 2, "x", 1.5
--  3 order c, b, a (first token differs)           -> 3, "x", 1.5
--  4 unknown field between a and b                 -> 4, "x", 1.5
--  5 b missing (c follows a directly)              -> 5, null, 1.5
--  6 ends after a                                  -> 6, null, null
--  7 declared order, then a again: last one wins   -> 70, "x", 1.5
--  8 the first key escaped ("\u0061")              -> 8, "x", 1.5
--  9 fast path until b, whose value is not a string but a number: VARCHAR
--    keeps its JSON text                           -> 9, "12", 1.5
CREATE TABLE ev (a INT, b STRING, c DOUBLE) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE out1 (a INT, b STRING, c DOUBLE) WITH ('connector' = 'print');
INSERT INTO out1 SELECT a, b, c FROM ev;
