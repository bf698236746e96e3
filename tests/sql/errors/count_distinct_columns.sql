-- expect: count_distinct_columns.sql:5:17: error: COUNT(DISTINCT a, b, ...) is not supported yet
-- Flink counts distinct rows of several arguments; sluice names it.
CREATE TABLE clicks (user_id STRING, n INT)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
SELECT user_id, COUNT(DISTINCT user_id, n) FROM clicks GROUP BY user_id;
