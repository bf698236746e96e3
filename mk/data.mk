# mk/data.mk - `make data`: the real flights data set as JSON lines.
#
#   data/flights.jsonl       3,000,000 flights (vega-datasets flights-3m.parquet), sorted by date
#   data/flights-100k.jsonl  its first 100,000 lines (tests)
#   data/airports.jsonl      vega-datasets airports.csv
#
# Converted once with DuckDB (tools/data/convert.mjs); outputs newer than
# their inputs are left alone. data/ is git-ignored.

VEGA_DATA := node_modules/vega-datasets/data

data: deps data/flights.jsonl data/flights-100k.jsonl data/airports.jsonl
	@echo "data: data/flights.jsonl data/flights-100k.jsonl data/airports.jsonl ready"

# The npm files appear through `deps` (npm ci); they have no recipe of their own.
$(VEGA_DATA)/flights-3m.parquet $(VEGA_DATA)/airports.csv: | deps
	@test -f $@ || { echo "data: $@ missing after tools/install-deps.sh" >&2; exit 1; }

# One run of convert.mjs writes both files (each only when out of date).
data/flights.jsonl data/airports.jsonl &: $(VEGA_DATA)/flights-3m.parquet $(VEGA_DATA)/airports.csv tools/data/convert.mjs
	@node tools/data/convert.mjs data

data/flights-100k.jsonl: data/flights.jsonl
	@t0=$$EPOCHREALTIME; head -n 100000 $< > $@.tmp && mv $@.tmp $@; \
	  awk -v a=$$t0 -v b=$$EPOCHREALTIME -v n=$$(wc -l < $@) 'BEGIN { printf "data: $@: %d rows in %.2f s\n", n, b - a }' 
