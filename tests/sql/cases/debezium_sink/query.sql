-- A changelog GROUP BY into debezium-json file sinks (Flink's encoding):
-- +I and +U are written {"before":null,"after":row,"op":"c"}, -U and -D
-- {"before":row,"after":null,"op":"d"} (an update is a delete then an
-- insert). per_user's rows are only ever updated; per_count (users per
-- click count) also loses rows: a count that no user has any more is -D.
--   a 1      per_user c(a,1,1)             per_count c(1,1)
--   b 2      per_user c(b,1,2)             per_count d(1,1) c(1,2)
--   a 3      per_user d(a,1,1) c(a,2,4)    per_count d(1,2) c(1,1) c(2,1)
--   NULL 4   per_user c(null,1,4)          per_count d(1,1) c(1,2)
--            (a NULL key is a group of its own)
--   a NULL   per_user d(a,2,4) c(a,3,4)    per_count d(2,1) c(3,1)
--            (SUM ignores the NULL; no user has 2 clicks any more)
CREATE TABLE clicks (user_id STRING, n INT)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE per_user (u STRING, clicks BIGINT, total BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'per_user.jsonl', 'format' = 'debezium-json');
CREATE TABLE per_count (clicks BIGINT, users BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'per_count.jsonl', 'format' = 'debezium-json');
INSERT INTO per_user SELECT user_id, COUNT(*), SUM(n) FROM clicks GROUP BY user_id;
INSERT INTO per_count
SELECT c, COUNT(*) FROM (SELECT user_id, COUNT(*) AS c FROM clicks GROUP BY user_id) GROUP BY c;
