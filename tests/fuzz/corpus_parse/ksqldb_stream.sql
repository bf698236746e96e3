CREATE STREAM pageviews (viewtime BIGINT, userid VARCHAR, pageid VARCHAR)
  WITH (kafka_topic='pageviews', value_format='JSON', partitions=4);
CREATE TABLE counts WITH (kafka_topic='counts') AS
  SELECT pageid, COUNT(*) AS n FROM pageviews GROUP BY pageid EMIT CHANGES;
