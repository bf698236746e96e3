-- expect: window_over_debezium.sql:9:6: error: window functions need an append-only input, but this one is a changelog (TableScan produces updates)
-- A debezium-json source is a changelog: its rows can be taken back, which
-- a window aggregation cannot do (Flink refuses it the same way).
CREATE TABLE orders (id INT, amount BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'debezium-json');
CREATE TABLE hourly (window_start TIMESTAMP(3), total BIGINT) WITH ('connector' = 'print');
INSERT INTO hourly
SELECT window_start, SUM(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end;
