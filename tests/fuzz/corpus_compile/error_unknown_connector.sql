-- expect: unknown_connector.sql:2:49: error: unknown connector 'filesytem'; did you mean 'filesystem'?
CREATE TABLE src (k STRING) WITH ('connector' = 'filesytem', 'path' = 'src.jsonl');
CREATE TABLE dst (k STRING) WITH ('connector' = 'print');
INSERT INTO dst SELECT k FROM src;
