-- upsert-source.sql - tests/kafka/run.sh case kafka/upsert/source: the
-- by_count topic that upsert.sql wrote, read back as an upsert-kafka
-- source. Its ChangelogNormalize turns the upserts and tombstones into a
-- changelog (+I, -U/+U, -D) that the print sink writes; folded, it must be
-- the by_count table. A message without a key is malformed.
CREATE TABLE by_count (
  flights BIGINT,
  origins BIGINT,
  PRIMARY KEY (flights) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'by_count',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'sluice-upsert-source',
  'key.format' = 'json',
  'value.format' = 'json'
);

CREATE TABLE by_count_copy (flights BIGINT, origins BIGINT) WITH ('connector' = 'print');

INSERT INTO by_count_copy SELECT flights, origins FROM by_count;
