CREATE TABLE t (a INT /* unterminated
