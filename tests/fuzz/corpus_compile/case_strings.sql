-- String functions (Flink semantics): UPPER/LOWER (also Latin-1 letters),
-- TRIM in every form (default: spaces; a trim string is a set of
-- characters), CHAR_LENGTH in characters (UTF-8 code points), SUBSTRING in
-- both syntaxes with Flink's positions (pos > 0: 1-based; pos = 0: from the
-- start; pos < 0: counted from the end, empty when before the start; a
-- negative length gives NULL), || and CONCAT (NULL if any argument is NULL).
-- Column by column, for s = 'Hello' / '  pad  ' / 'xxabcxx' / 'héllo wörld'
-- (11 chars) / 'ÀÉÎõü' / NULL / '':
--   up      HELLO, '  PAD  ', XXABCXX, HÉLLO WÖRLD, ÀÉÎÕÜ, NULL, ''
--   lo      hello, '  pad  ', xxabcxx, héllo wörld, àéîõü, NULL, ''
--   tr      TRIM(s): only row 2 changes: 'pad'
--   lt, rt  TRIM(LEADING|TRAILING FROM s): row 2 'pad  ' / '  pad'
--   tx      TRIM(BOTH 'x' FROM s): row 3 'abc'; ltx/rtx LEADING/TRAILING 'x': 'abcxx' / 'xxabc'
--   txa     TRIM('xa' FROM s): row 3 strips x and a from both ends: 'bc'
--   len     5, 7, 7, 11, 5, NULL, 0
--   sub2    SUBSTRING(s FROM 2): ello, ' pad  ', xabcxx, 'éllo wörld', ÉÎõü, NULL, ''
--   sub23   SUBSTRING(s FROM 2 FOR 3): ell, ' pa', xab, éll, ÉÎõ, NULL, ''
--   sub02   SUBSTRING(s, 0, 2) (pos 0 = start): He, '  ', xx, hé, ÀÉ, NULL, ''
--   subm3   SUBSTRING(s, -3): llo, 'd  ', cxx, rld, Îõü, NULL, ''
--   sub10   SUBSTRING(s, 10): '', '', '', ld, '', NULL, ''
--   subm10  SUBSTRING(s FROM -10 FOR 2): only 'héllo wörld' (11 chars) starts
--           inside: index 1 -> 'él'; the others ''
--   subneg  SUBSTRING(s, 2, -1): NULL everywhere (negative length)
--   cat     s || '!';  cc  CONCAT(s, '-', s)
CREATE TABLE t (s STRING)
WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');

CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json') AS
SELECT UPPER(s) AS up, LOWER(s) AS lo, TRIM(s) AS tr, TRIM(LEADING FROM s) AS lt,
       TRIM(TRAILING FROM s) AS rt, TRIM(BOTH 'x' FROM s) AS tx, TRIM(LEADING 'x' FROM s) AS ltx,
       TRIM(TRAILING 'x' FROM s) AS rtx, TRIM('xa' FROM s) AS txa, CHAR_LENGTH(s) AS len,
       SUBSTRING(s FROM 2) AS sub2, SUBSTRING(s FROM 2 FOR 3) AS sub23, SUBSTRING(s, 0, 2) AS sub02,
       SUBSTRING(s, -3) AS subm3, SUBSTRING(s, 10) AS sub10, SUBSTRING(s FROM -10 FOR 2) AS subm10,
       SUBSTRING(s, 2, -1) AS subneg, s || '!' AS cat, CONCAT(s, '-', s) AS cc
FROM t;
