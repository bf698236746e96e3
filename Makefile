# sluice - streaming SQL compiler.
#
#   make          build bin/sluice, lib/libsluice_rt.a, bin/kafka-dev-broker
#   make demo     install what is missing, build, fetch the real flights, run examples/flights/delays.sql
#   make check    install what is missing, build, run every test (also under ASan+UBSan)
#
# Sources are globbed: compiler/*.c, runtime/*.c, tests/unit/test_*.c. Extra
# targets live in mk/*.mk (one file per area, so parallel work does not
# collide in this file).

SHELL := /bin/bash
CC ?= cc
ifeq ($(origin CC),default)
CC := cc
endif

# Build variant: the default build goes to bin/ lib/ build/; `SAN=1` builds an
# AddressSanitizer+UBSan variant under build/asan/.
ifeq ($(SAN),1)
OUT      := build/asan
BINDIR   := build/asan/bin
LIBDIR   := build/asan/lib
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
OPT      := -O1 -g
else
OUT      := build
BINDIR   := bin
LIBDIR   := lib
SANFLAGS :=
OPT      := -O2 -g
endif
OBJ := $(OUT)/obj

WARN    := -Wall -Wextra -Werror -Wno-unused-parameter
CSTD    := -std=c11 -D_GNU_SOURCE
RDKAFKA_CFLAGS := $(shell pkg-config --cflags rdkafka 2>/dev/null)
RDKAFKA_LIBS   := $(shell pkg-config --libs rdkafka 2>/dev/null || echo -lrdkafka)
# Libraries a generated program links with (besides libsluice_rt.a).
PROGRAM_LIBS := $(RDKAFKA_LIBS) -lxxhash -lunistring -lm -lpthread

ALL_CFLAGS := $(CSTD) $(OPT) $(WARN) $(SANFLAGS) $(CFLAGS)
LDFLAGS_ALL := $(SANFLAGS) $(LDFLAGS)

# ---- compiler -------------------------------------------------------------
COMPILER_SRCS := $(wildcard compiler/*.c compiler/cg/*.c)
COMPILER_OBJS := $(patsubst compiler/%.c,$(OBJ)/compiler/%.o,$(COMPILER_SRCS)) \
                 $(OBJ)/gen/sql.o $(OBJ)/gen/embed.o
COMPILER_LIB_OBJS := $(filter-out $(OBJ)/compiler/main.o,$(COMPILER_OBJS))
EMBED_FILES := runtime/include/sluice_rt.h $(sort $(wildcard templates/*.h))

# ---- runtime --------------------------------------------------------------
RUNTIME_SRCS := $(wildcard runtime/*.c)
RUNTIME_OBJS := $(patsubst runtime/%.c,$(OBJ)/runtime/%.o,$(RUNTIME_SRCS))

# ---- unit tests -------------------------------------------------------------
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(OUT)/tests/%,$(UNIT_SRCS))

.PHONY: all deps check test demo data clean format unit-tests sanitize-build
all: $(BINDIR)/sluice $(LIBDIR)/libsluice_rt.a $(BINDIR)/kafka-dev-broker

deps:
	@tools/install-deps.sh

# lemon: always the system template (a stray lempar.c would silently win).
$(OUT)/gen/sql.c $(OUT)/gen/sql.h: grammar/sql.y
	@mkdir -p $(OUT)/gen
	lemon -q -l -T/usr/share/lemon/lempar.c -d$(OUT)/gen grammar/sql.y

$(OUT)/gen/embed.c: $(EMBED_FILES) tools/embed.sh
	@mkdir -p $(OUT)/gen
	tools/embed.sh $(EMBED_FILES) > $@.tmp && mv $@.tmp $@

$(OBJ)/gen/sql.o: $(OUT)/gen/sql.c compiler/ast.h compiler/parse.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(OPT) $(SANFLAGS) $(CFLAGS) -Wall -Wextra -Wno-unused-parameter -Icompiler -I$(OUT)/gen -c $< -o $@

$(OBJ)/gen/embed.o: $(OUT)/gen/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Icompiler -c $< -o $@

$(OBJ)/compiler/%.o: compiler/%.c $(wildcard compiler/*.h compiler/cg/*.h) $(OUT)/gen/sql.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Icompiler -I$(OUT)/gen -Iruntime/include \
	  -DSLUICE_PROGRAM_LIBS='"$(PROGRAM_LIBS)"' -DSLUICE_VERSION='"0.1.0"' -c $< -o $@

# The compiler reuses a few runtime primitives (timestamp parsing) from the
# static runtime library; only the objects it references are linked.
$(BINDIR)/sluice: $(COMPILER_OBJS) $(LIBDIR)/libsluice_rt.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) $(COMPILER_OBJS) $(LIBDIR)/libsluice_rt.a -o $@ -lxxhash -lunistring -lm

$(OBJ)/runtime/%.o: runtime/%.c $(wildcard runtime/*.h) runtime/include/sluice_rt.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iruntime/include -Iruntime $(RDKAFKA_CFLAGS) -c $< -o $@

$(LIBDIR)/libsluice_rt.a: $(RUNTIME_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BINDIR)/kafka-dev-broker: tools/kafka-dev-broker.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(RDKAFKA_CFLAGS) $< -o $@ $(LDFLAGS_ALL) $(RDKAFKA_LIBS)

# Unit tests (Criterion): each tests/unit/test_X.c is one binary linked with
# the compiler's objects (minus main) and the runtime library.
$(OUT)/tests/%: tests/unit/%.c $(COMPILER_LIB_OBJS) $(LIBDIR)/libsluice_rt.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-field-initializers -Icompiler -I$(OUT)/gen -Iruntime/include -Iruntime $< \
	  $(COMPILER_LIB_OBJS) $(LIBDIR)/libsluice_rt.a -o $@ $(LDFLAGS_ALL) -lcriterion $(PROGRAM_LIBS)

unit-tests: $(UNIT_BINS)

sanitize-build:
	$(MAKE) SAN=1 all unit-tests

# make check: every suite prints PASS:/FAIL: lines; tests/run.sh sums them
# into the final "N passed, N failed" line.
check: deps
	$(MAKE) all unit-tests data
	$(MAKE) sanitize-build
	tests/run.sh

# make demo: the hourly delay table from 3,000,000 real flights.
demo: deps
	$(MAKE) all data
	tools/demo.sh

test: all unit-tests
	tests/run.sh

format:
	clang-format -i compiler/*.c compiler/*.h compiler/cg/*.c compiler/cg/*.h runtime/*.c runtime/*.h runtime/include/*.h templates/*.h tools/*.c tests/unit/*.c tests/fuzz/*.c

clean:
	rm -rf build bin lib

-include $(wildcard mk/*.mk)
