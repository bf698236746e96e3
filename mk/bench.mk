# mk/bench.mk - `make bench`: examples/flights/delays.sql, sluice vs DuckDB on
# the real flights (bench/flights.sh prints build time, events/s and ratios).

.PHONY: bench
bench: all data
	bench/flights.sh
