-- expect: aliased_table_name.sql:5:8: error: unknown table 'clicks' (the query reads 'c')
-- An alias hides the table's name, as in SQL and Flink.
CREATE TABLE clicks (user_id STRING, n INT)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
SELECT clicks.user_id, c.n FROM clicks AS c;
