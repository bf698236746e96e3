# mk/bench.mk - `make bench`: examples/flights/delays.sql, sluice vs DuckDB on
# the real flights (bench/flights.sh prints build time, events/s and ratios).

.PHONY: bench
bench: all data
	bench/flights.sh

# `make bench-compile`: compile time and memory against program size
# (bench/compile.sh: 10,000 columns, 100,000-item IN lists, 300 windows).
.PHONY: bench-compile
bench-compile: all
	bench/compile.sh

# `make bench-windows`: every window kind and changelogs against DuckDB
# (bench/windows.sh); `make bench-checkpoint`: what checkpoints cost
# (bench/checkpoint.sh: throughput with a checkpoint a second, the size and
# time of a checkpoint of 1M groups, restart time).
.PHONY: bench-windows bench-checkpoint
bench-windows: all data
	bench/windows.sh
bench-checkpoint: all data
	bench/checkpoint.sh
