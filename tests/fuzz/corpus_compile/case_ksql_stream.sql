-- ksqlDB forms: CREATE STREAM ... WITH (kafka_topic=..., value_format=...)
-- for the source and CREATE STREAM ... WITH (...) AS SELECT for the sink;
-- the test runs both as files (--input/--output override the Kafka
-- connector). Option names and values are case-insensitive identifiers or
-- strings.
--   rows: (1, 'a', 10), (2, 'b', 25), (3, 'c', 30); WHERE amount >= 25 keeps ids 2 and 3;
--   big = amount * 2: 50, 60
CREATE STREAM orders (id INT, item VARCHAR, amount INT)
  WITH (kafka_topic = 'orders', value_format = 'JSON', partitions = 1);

CREATE STREAM big_orders WITH (kafka_topic = 'big_orders', value_format = 'json') AS
  SELECT id, item, amount * 2 AS big FROM orders WHERE amount >= 25 EMIT CHANGES;
