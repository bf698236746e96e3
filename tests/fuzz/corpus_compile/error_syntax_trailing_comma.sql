-- expect: syntax_trailing_comma.sql:2:23: error: syntax error near ')'; expected one of: identifier, WATERMARK, PRIMARY
CREATE TABLE t (a INT,) WITH ('connector' = 'print');
