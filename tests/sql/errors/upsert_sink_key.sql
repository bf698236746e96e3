-- expect: upsert_sink_key.sql:12:13: error: the PRIMARY KEY of upsert sink 'per_region' is not a unique key of the query that writes it (the query's key: region); declare PRIMARY KEY (region)
-- The upsert sink's key is the Kafka message key: each message replaces the
-- row of its key. Keyed by `accounts`, the rows of two regions with the same
-- count would replace each other, so a key other than the query's is refused.
CREATE TABLE accounts (id INT, region STRING, balance BIGINT, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'accounts', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE per_region (region STRING, accounts BIGINT, PRIMARY KEY (accounts) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'per_region',
      'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json');
INSERT INTO per_region SELECT region, COUNT(*) FROM accounts GROUP BY region;
