-- An upsert-kafka table read and written through files (--input and
-- --output): each line is {"key": {primary key}, "value": row}, and a
-- delete (a Kafka tombstone) is {"key": {...}, "value": null}.
--
-- The source keeps the last row per key (Flink's ChangelogNormalize):
-- a new key is +I, a known key -U (old row) +U (new row), the same row
-- again nothing, a tombstone -D (the stored row), a tombstone of an unknown
-- key nothing. `changes` prints that changelog:
--    1-3   +I 1, +I 2, +I 3
--    4     -U 1 (10), +U 1 (15)
--    5     the same row again: nothing
--    6     members and spaces in another order: -U 1 (15), +U 1 (17)
--    7     2 moves to us: -U 2, +U 2
--    8     tombstone: -D 3
--    9     tombstone of a key never seen: nothing
--   10-11  -D 2, then +I 2 again
--   12     no key: malformed
--   13     a key whose primary key column is NULL: malformed
--   14-15  +I 5 with NULLs, then the same row: nothing (NULL equals NULL here)
--
-- per_region aggregates the table and is itself an upsert sink keyed by
-- region: +I/+U are key/value lines, -U is not written (the +U after it
-- replaces the row) and -D is a tombstone line: at line 10 region us loses
-- its last account ({"key":{"region":"us"},"value":null}), at line 11 it is
-- back. Account 5's NULL balance counts in `accounts`, not in `total`.
CREATE TABLE accounts (
  id INT, owner STRING, region STRING, balance BIGINT,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'accounts',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json'
);
CREATE TABLE changes (id INT, owner STRING, region STRING, balance BIGINT)
WITH ('connector' = 'print');
CREATE TABLE per_region (
  region STRING, accounts BIGINT, total BIGINT,
  PRIMARY KEY (region) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'per_region',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json', 'value.format' = 'json'
);
INSERT INTO changes SELECT * FROM accounts;
INSERT INTO per_region SELECT region, COUNT(*), SUM(balance) FROM accounts GROUP BY region;
