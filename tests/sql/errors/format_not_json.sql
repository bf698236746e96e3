-- expect: format_not_json.sql:2:94: error: format 'csv' is not supported yet (supported: json, debezium-json)
CREATE TABLE src (k STRING) WITH ('connector' = 'filesystem', 'path' = 'src.csv', 'format' = 'csv');
CREATE TABLE dst (k STRING) WITH ('connector' = 'print');
INSERT INTO dst SELECT k FROM src;
