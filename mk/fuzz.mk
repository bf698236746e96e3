# mk/fuzz.mk - libFuzzer targets (clang -fsanitize=fuzzer,address,undefined)
# and `make fuzz` (tests/fuzz/run.sh: every target for FUZZ_SECONDS, default
# 30 s each, seeded from tests/fuzz/corpus_*/).
#
#   build/fuzz/fuzz_parse    tokenizer + parser              (tests/fuzz/fuzz_parse.c)
#   build/fuzz/fuzz_json     runtime JSON/time primitives     (tests/fuzz/fuzz_json.c)
#   build/fuzz/fuzz_decode   a generated program: decoder, expressions, windows,
#                            encoders (tests/fuzz/fuzz_decode.c + fuzz_decode.sql)
#   build/fuzz/fuzz_compile  parse -> bind -> optimize -> codegen (tests/fuzz/fuzz_compile.c)
#   build/fuzz/fuzz_decode_wide  the same program generated with SLUICE_WIDE_COLUMNS=1:
#                            the table-driven decoder, encoder and aggregates
#   build/fuzz/fuzz_inject   programs with hostile names and literals, compiled
#                            with cc -Werror and run (tests/fuzz/fuzz_inject.c)
#
# The runtime and compiler sources are compiled into each target with the
# sanitizers (not linked from lib/), so the fuzzer sees their coverage and
# ASan checks their memory accesses.

FUZZ_CC     ?= clang
FUZZ_DIR    := build/fuzz
FUZZ_FLAGS  := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
               -fno-omit-frame-pointer $(CSTD)
FUZZ_LIBS   := $(RDKAFKA_LIBS) -lxxhash -lunistring -lm -lpthread
FUZZ_RT     := $(wildcard runtime/*.c)
FUZZ_FRONT  := compiler/arena.c compiler/diag.c compiler/ast.c compiler/tokenize.c compiler/parse.c
FUZZ_MIDDLE := $(filter-out compiler/main.c compiler/build.c,$(wildcard compiler/*.c compiler/cg/*.c))
FUZZ_TARGETS := $(FUZZ_DIR)/fuzz_parse $(FUZZ_DIR)/fuzz_json $(FUZZ_DIR)/fuzz_decode $(FUZZ_DIR)/fuzz_compile \
                $(FUZZ_DIR)/fuzz_inject $(FUZZ_DIR)/fuzz_decode_wide

.PHONY: fuzz fuzz-targets
fuzz-targets: $(FUZZ_TARGETS)

fuzz: all
	tests/fuzz/run.sh

$(FUZZ_DIR)/fuzz_parse: tests/fuzz/fuzz_parse.c $(FUZZ_FRONT) $(wildcard compiler/*.h) build/gen/sql.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -Icompiler -Ibuild/gen $< $(FUZZ_FRONT) build/gen/sql.c -o $@ -lunistring -lm

$(FUZZ_DIR)/fuzz_json: tests/fuzz/fuzz_json.c $(FUZZ_RT) $(wildcard runtime/*.h runtime/include/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(RDKAFKA_CFLAGS) -Iruntime/include -Iruntime $< $(FUZZ_RT) -o $@ $(FUZZ_LIBS)

$(FUZZ_DIR)/fuzz_compile: tests/fuzz/fuzz_compile.c $(FUZZ_MIDDLE) $(FUZZ_RT) $(wildcard compiler/*.h) build/gen/sql.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(RDKAFKA_CFLAGS) -Icompiler -Ibuild/gen -Iruntime/include -Iruntime \
	  -DSLUICE_VERSION='"fuzz"' $< $(FUZZ_MIDDLE) build/gen/sql.c $(FUZZ_RT) -o $@ $(FUZZ_LIBS)

# The programs it generates are compiled with the system cc against the
# normal build's lib/libsluice_rt.a.
$(FUZZ_DIR)/fuzz_inject: tests/fuzz/fuzz_inject.c $(FUZZ_MIDDLE) $(FUZZ_RT) $(wildcard compiler/*.h) build/gen/sql.c \
                         lib/libsluice_rt.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(RDKAFKA_CFLAGS) -Icompiler -Ibuild/gen -Iruntime/include -Iruntime \
	  -DSLUICE_VERSION='"fuzz"' $< $(FUZZ_MIDDLE) build/gen/sql.c $(FUZZ_RT) -o $@ $(FUZZ_LIBS)

# The generated program is compiled with its main() renamed; the harness
# captures the sl_program descriptor through -Wl,--wrap=sl_main. Two forms
# of the same program: specialised, and table-driven (SLUICE_WIDE_COLUMNS=1).
FUZZ_DECODERS := $(FUZZ_DIR)/fuzz_decode $(FUZZ_DIR)/fuzz_decode_wide
$(FUZZ_DIR)/fuzz_decode_wide.gen.c: FUZZ_EMIT_ENV := SLUICE_WIDE_COLUMNS=1

$(FUZZ_DECODERS:=.gen.c): $(FUZZ_DIR)/%.gen.c: tests/fuzz/fuzz_decode.sql bin/sluice
	@mkdir -p $(dir $@)
	$(FUZZ_EMIT_ENV) bin/sluice emit-c $< -o $@.tmp && mv $@.tmp $@

$(FUZZ_DECODERS): $(FUZZ_DIR)/%: tests/fuzz/fuzz_decode.c $(FUZZ_DIR)/%.gen.c $(FUZZ_RT) \
                  $(wildcard runtime/*.h runtime/include/*.h templates/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(RDKAFKA_CFLAGS) -Iruntime/include -Iruntime -Itemplates \
	  -Dmain=sluice_generated_main -Wl,--wrap=sl_main \
	  $< $(FUZZ_DIR)/$*.gen.c $(FUZZ_RT) -o $@ $(FUZZ_LIBS)
