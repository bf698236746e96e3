-- expect: distinct_into_json_sink.sql:7:13: error: table sink 'users' (filesystem, format json) doesn't support consuming update changes, which are produced by GroupAggregate at line 7, column 26; write to 'connector' = 'print', 'format' = 'debezium-json' or 'connector' = 'upsert-kafka'
-- SELECT DISTINCT is a GroupAggregate, INSERT and UPDATE as in Flink (its
-- rows happen never to change): an append-only sink refuses it.
CREATE TABLE clicks (user_id STRING, n INT)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE users (u STRING) WITH ('connector' = 'filesystem', 'path' = 'users.jsonl', 'format' = 'json');
INSERT INTO users SELECT DISTINCT user_id FROM clicks;
