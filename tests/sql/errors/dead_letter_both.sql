-- expect: dead_letter_both.sql:5:29: error: a source has one dead-letter queue: 'dead-letter.path' or 'dead-letter.topic', not both (dead-letter.topic)
-- A source has one dead-letter queue.
CREATE TABLE ev (a BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'dead-letter.path' = 'dead.jsonl',
      'dead-letter.topic' = 'dead');
CREATE TABLE dst (a BIGINT) WITH ('connector' = 'print');
INSERT INTO dst SELECT a FROM ev;
