-- expect: filesystem_without_path.sql:2:35: error: filesystem table 'src' needs a 'path' option
CREATE TABLE src (k STRING) WITH ('connector' = 'filesystem', 'format' = 'json');
CREATE TABLE dst (k STRING) WITH ('connector' = 'print');
INSERT INTO dst SELECT k FROM src;
