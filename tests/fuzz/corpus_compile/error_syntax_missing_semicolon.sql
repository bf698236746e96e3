-- expect: syntax_missing_semicolon.sql:3:1: error: syntax error near 'INSERT'; expected one of: ';', end of input
CREATE TABLE t (a INT) WITH ('connector' = 'print')
INSERT INTO t SELECT a FROM t;
