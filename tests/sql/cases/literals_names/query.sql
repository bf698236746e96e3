-- String literals and names that need escaping in the generated C and in the
-- JSON output: quotes, backslashes, '??=' (a C trigraph), non-ASCII bytes,
-- digits after an octal escape (column é1), an empty string; output keys
-- with a quote and a backslash (JSON-escaped).
--   input {"é1":"x","a??=b":7}  ->  lit 'a\b"c??=' || é1 = 'a\b"c??=x' (JSON: "a\\b\"c??=x"),
--   accent 'é', empty '', q 7 * 2 = 14, key a"b\ -> JSON "a\"b\\"
CREATE TABLE ev (`é1` STRING, `a??=b` INT)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl') AS
SELECT 'a\b"c??=' || `é1` AS lit, 'é' AS accent, '' AS empty, `a??=b` * 2 AS `a"b\`
FROM ev;
