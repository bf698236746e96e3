-- expect: changelog_into_json_sink.sql:9:13: error: table sink 'per_user' (kafka, format json) doesn't support consuming update changes, which are produced by GroupAggregate at line 9, column 59; write to 'connector' = 'print', 'format' = 'debezium-json' or 'connector' = 'upsert-kafka'
-- A GROUP BY without a window updates its rows; a plain JSON topic could
-- only append them, so (as in Flink) the plan is refused.
CREATE TABLE clicks (user_id STRING, n INT)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE per_user (u STRING, clicks BIGINT)
WITH ('connector' = 'kafka', 'topic' = 'per_user', 'properties.bootstrap.servers' = 'localhost:9092',
      'format' = 'json');
INSERT INTO per_user SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;
