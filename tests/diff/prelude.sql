-- prelude.sql - run by oracle.mjs before every oracle query: the window
-- arithmetic of Flink's window rules (README "Time semantics") on epoch
-- milliseconds, written once.

-- a mod b rounded toward negative infinity (DuckDB's % keeps the dividend's
-- sign), so windows before 1970 align like those after it.
CREATE MACRO fmod(a, b) AS ((a % b) + b) % b;

-- The start of the window of size `size` aligned to the epoch plus `off`
-- that holds ms: TUMBLE's window_start, HOP's latest window start (with
-- size = the slide), CUMULATE's first window start.
CREATE MACRO win_start(ms, size, off) AS ms - fmod(ms - off, size);

