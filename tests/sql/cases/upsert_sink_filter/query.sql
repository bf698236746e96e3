-- A filter between a changelog and an upsert sink can let an update's -U
-- through and drop its +U: the row left the result. The sink must then
-- delete the key (a tombstone), or the topic keeps a row the query no
-- longer has. Flink keeps -U in front of such a filter (FLINK-9528) and its
-- upsert-kafka sink writes a -U that reaches it as a tombstone.
--
-- rich: account 1 has 50 (+I, written), then 5: -U {1,50} passes the
-- filter, +U {1,5} does not -> key 1 must be deleted.
-- single: user a clicks once (+I {a,1}, written), then again: -U {a,1}
-- passes `clicks < 2`, +U {a,2} does not -> key a must be deleted.
CREATE TABLE accounts (id INT, balance BIGINT, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'accounts', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE clicks (user_id STRING, n INT)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE rich (id INT, balance BIGINT, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'rich', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE single (u STRING, clicks BIGINT, PRIMARY KEY (u) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = 'single', 'properties.bootstrap.servers' = 'localhost:9092',
      'key.format' = 'json', 'value.format' = 'json');
INSERT INTO rich SELECT id, balance FROM accounts WHERE balance >= 10;
INSERT INTO single
SELECT u, clicks FROM (SELECT user_id AS u, COUNT(*) AS clicks FROM clicks GROUP BY user_id)
WHERE clicks < 2;
