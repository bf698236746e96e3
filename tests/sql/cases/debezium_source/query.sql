-- A debezium-json file source: each line is a change of table `products`
-- (Flink's debezium-json format). c and r (a snapshot read) insert
-- "after"; u retracts "before" (-U) and adds "after" (+U); d deletes
-- "before" (-D); other members (source, ts_ms, transaction) are ignored and
-- a {"schema": ..., "payload": {...}} envelope is looked through. An update
-- without "before" (absent or null: REPLICA IDENTITY DEFAULT) cannot be
-- retracted: the line is malformed, reported and skipped.
--
-- The GROUP BY below turns the changes into a changelog per category:
--   1 r apple fruit 3         +I fruit 1 3
--   2 r pear fruit 4          -U fruit 1 3, +U fruit 2 7
--   3 c kale veg 5 (extras)   +I veg 1 5
--   4 u apple fruit 3 -> veg 6: -U fruit 2 7, +U fruit 1 4, -U veg 1 5, +U veg 2 11
--   5 d pear (in a payload envelope): fruit is empty: -D fruit 1 4
--   6 u without "before": malformed
--   7 u with "before": null: malformed
--   8 c plum fruit 2 (payload envelope): +I fruit 1 2
--   9 u kale 5 -> 8 (members in another order): -U veg 2 11, +U veg 1 6,
--                                               -U veg 1 6, +U veg 2 14
--  10 d apple (veg 6): -U veg 2 14, +U veg 1 8
--  11 c without "after": malformed
--  12 an op Flink does not know ("t", truncate): malformed
CREATE TABLE products (id INT, name STRING, category STRING, price BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'products.jsonl', 'format' = 'debezium-json');
CREATE TABLE per_category (category STRING, products BIGINT, total BIGINT) WITH ('connector' = 'print');
INSERT INTO per_category SELECT category, COUNT(*), SUM(price) FROM products GROUP BY category;
