-- expect: unsupported_type_decimal.sql:2:35: error: type DECIMAL is not supported yet (supported: BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, VARCHAR/STRING, TIMESTAMP(3))
CREATE TABLE src (k STRING, price DECIMAL(10, 2))
WITH ('connector' = 'filesystem', 'path' = 'src.jsonl', 'format' = 'json');
CREATE TABLE dst (k STRING) WITH ('connector' = 'print');
INSERT INTO dst SELECT k FROM src;
