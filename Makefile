# podsim - GNU-style Makefile.  CFLAGS/LDFLAGS belong to the user; the flags
# podsim needs are in PODSIM_CFLAGS.  `make V=1` shows full commands.

PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=

BUILD ?= build
PKGS := yaml-0.1 gsl libcjson libmicrohttpd
PODSIM_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra \
	-Iinclude -I$(BUILD) $(shell $(PKG_CONFIG) --cflags $(PKGS))
PODSIM_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm -pthread
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS := $(shell $(PKG_CONFIG) --libs check)

ifeq ($(V),1)
Q :=
else
Q := @
endif

SRCS := $(wildcard sim/*.c sim/serve/*.c)
OBJS := $(patsubst sim/%.c,$(BUILD)/%.o,$(SRCS)) $(BUILD)/catalogue_data.o
LIB_OBJS := $(filter-out $(BUILD)/main.o,$(OBJS))
TEST_SRCS := $(wildcard tests/check_*.c)
TEST_OBJS := $(patsubst tests/%.c,$(BUILD)/tests/%.o,$(TEST_SRCS) tests/harness.c)
SUITES := $(filter-out main,$(patsubst tests/check_%.c,%,$(TEST_SRCS)))
# fuzz harnesses tests/fuzz/fuzz_NAME.c (see `fuzz` below)
FUZZ_HARNESSES := scenario shell diff duration
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang-14
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: all check unit golden golden-update install uninstall clean asan valgrind bench demo \
	bad fuzz fuzz-replay plots serve-check

all: podsim

podsim: $(BUILD)/podsim
	$(Q)cp $< $@

$(BUILD)/podsim: $(OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PODSIM_LIBS)

$(BUILD)/%.o: sim/%.c $(wildcard include/*.h) | $(BUILD)
	@echo "  CC      $<"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(PODSIM_CFLAGS) $(CFLAGS) -c -o $@ $<

# The built-in image catalogue: sim/catalogue.yaml parsed at build time into
# a libyaml document tree as C data (sim/gen/catalogue_gen.c explains why).
$(BUILD)/catalogue_gen: sim/gen/catalogue_gen.c | $(BUILD)
	@echo "  CC      $<"
	$(Q)$(CC) $(PODSIM_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(PODSIM_LIBS)

$(BUILD)/catalogue_data.c: sim/catalogue.yaml $(BUILD)/catalogue_gen
	@echo "  GEN     $@"
	$(Q)$(BUILD)/catalogue_gen $< > $@.tmp && mv $@.tmp $@

$(BUILD)/catalogue_data.o: $(BUILD)/catalogue_data.c
	$(Q)$(CC) $(PODSIM_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/suites.inc: $(TEST_SRCS) | $(BUILD)
	$(Q)for s in $(SUITES); do echo "SUITE($$s)"; done > $@

$(BUILD)/tests/%.o: tests/%.c tests/harness.h $(wildcard include/*.h) $(BUILD)/suites.inc | $(BUILD)/tests
	@echo "  CC      $<"
	$(Q)$(CC) $(PODSIM_CFLAGS) $(CHECK_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/check_podsim: $(TEST_OBJS) $(LIB_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(PODSIM_LIBS)

$(BUILD) $(BUILD)/tests:
	$(Q)mkdir -p $@

unit: $(BUILD)/check_podsim
	$(Q)$(BUILD)/check_podsim

golden: podsim
	$(Q)sh tests/golden.sh ./podsim

# The repository stands alone: no link or path in it leads outside.
.PHONY: links
links:
	$(Q)sh tests/links.sh --self-test && sh tests/links.sh

# The bad-input suite: every tests/bad/*.case (format in tests/bad.sh).
bad: podsim
	$(Q)sh tests/bad.sh ./podsim

# Every kept fuzz crasher replayed through the ordinary build (no clang).
fuzz-replay: $(patsubst %,$(BUILD)/fuzz/replay-%,$(FUZZ_HARNESSES))
	$(Q)sh tests/fuzz/replay.sh $(BUILD)/fuzz

# Every option of main.c's table in its subcommands' --help and in the man page.
.PHONY: options
options: podsim
	$(Q)sh tests/options.sh ./podsim

# The real kubectl against `podsim serve` (skipped without kubectl).
serve-check: podsim
	$(Q)sh tests/serve.sh ./podsim

check: unit golden bad fuzz-replay links options serve-check

# Rewrites every golden file from the current binary.  Never run this to
# silence a failure: explain each changed golden in the commit message.
golden-update: podsim
	$(Q)sh tests/golden.sh ./podsim --update

demo: podsim
	./podsim run --watch-from 2s --duration 5m scenarios/liveness-http.yaml

# ASan + UBSan build of everything, then the whole suite.
ASAN_MAKE = $(MAKE) --no-print-directory BUILD=build-asan \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined"
asan:
	$(Q)$(ASAN_MAKE) build-asan/podsim build-asan/check_podsim
	$(Q)CK_FORK=no build-asan/check_podsim
	$(Q)sh tests/golden.sh build-asan/podsim
	$(Q)sh tests/bad.sh build-asan/podsim
	$(Q)$(ASAN_MAKE) fuzz-replay

# Fuzzing (tests/fuzz/): one harness per input parser, each a file
# tests/fuzz/fuzz_NAME.c defining LLVMFuzzerTestOneInput.  `make fuzz`
# builds them with clang's libFuzzer + ASan + UBSan into build-fuzz/ and
# runs each for FUZZ_SECONDS; findings land in build-fuzz/crashes/.

$(BUILD)/fuzz:
	$(Q)mkdir -p $@

$(BUILD)/fuzz/replay-%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.c tests/fuzz/replay_main.c \
		tests/fuzz/fuzz.h $(LIB_OBJS) | $(BUILD)/fuzz
	@echo "  LD      $@"
	$(Q)$(CC) $(PODSIM_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.c %.o,$^) $(PODSIM_LIBS)

$(BUILD)/fuzz/fuzz-%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.c tests/fuzz/fuzz.h $(LIB_OBJS) | $(BUILD)/fuzz
	@echo "  LD      $@"
	$(Q)$(CC) $(PODSIM_CFLAGS) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ \
	  $(filter %.c %.o,$^) $(PODSIM_LIBS)

fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) \
	  CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" LDFLAGS="$(FUZZ_SAN)" \
	  $(patsubst %,build-fuzz/fuzz/fuzz-%,$(FUZZ_HARNESSES))
	$(Q)sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

valgrind: $(BUILD)/check_podsim podsim
	$(Q)CK_FORK=no valgrind --error-exitcode=1 --leak-check=full -q $(BUILD)/check_podsim
	$(Q)sh tests/golden.sh "valgrind --error-exitcode=1 -q ./podsim"

$(BUILD)/bench_engine: tests/bench_engine.c $(BUILD)/engine.o $(BUILD)/util.o
	$(Q)$(CC) $(PODSIM_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^

# Many runs of one loaded scenario in one process (issue 9 item 5).
$(BUILD)/bench_runs: tests/bench_runs.c $(LIB_OBJS)
	$(Q)$(CC) $(PODSIM_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PODSIM_LIBS)

# The reference without exact shortcuts (every probe tick, every resync).
$(BUILD)/world-ref.o: sim/world.c $(wildcard include/*.h) | $(BUILD)
	$(Q)$(CC) $(PODSIM_CFLAGS) $(CFLAGS) -DPODSIM_SHORTCUTS=0 -c -o $@ $<

$(BUILD)/podsim-ticks: $(filter-out $(BUILD)/world.o,$(OBJS)) $(BUILD)/world-ref.o
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PODSIM_LIBS)

bench: podsim $(BUILD)/bench_engine $(BUILD)/podsim-ticks $(BUILD)/bench_runs
	$(Q)BUILD=$(BUILD) sh tests/bench.sh ./podsim
	$(Q)$(BUILD)/bench_runs

# Plots of shipped scenarios into plots/out/ (ignored), PNG and SVG, with
# the gnuplot scripts in plots/ (README "Plots"); gnuplot-nox has pngcairo.
PLOTS_OUT := plots/out
TIMELINES := liveness-http crashloop startup-slow sidecar-crash readiness-flap
plots: podsim
	$(Q)mkdir -p $(PLOTS_OUT)
	$(Q)for s in $(TIMELINES); do \
	  ./podsim run -o timeline --duration 5m scenarios/$$s.yaml > $(PLOTS_OUT)/timeline-$$s.tsv && \
	  for f in png svg; do gnuplot -e "data='$(PLOTS_OUT)/timeline-$$s.tsv'; title='$$s'; \
	    out='$(PLOTS_OUT)/timeline-$$s.$$f'" plots/timeline.gp || exit 1; done; done
	$(Q)./podsim sweep --set 'spec.containers[0].livenessProbe.failureThreshold=1..6' \
	  --seeds 1..500 --duration 5m scenarios/tune-liveness.yaml > $(PLOTS_OUT)/sweep.csv
	$(Q)for f in png svg; do gnuplot -e "data='$(PLOTS_OUT)/sweep.csv'; metric='restarts'; \
	  pod='healthy'; out='$(PLOTS_OUT)/sweep-restarts.$$f'" plots/sweep.gp || exit 1; done
	$(Q)./podsim tune --param 'spec.containers[0].livenessProbe.periodSeconds=1..10/3' \
	  --param 'spec.containers[0].livenessProbe.failureThreshold=1..6' \
	  --minimize hangs:first_restart_s --constraint 'healthy:restarts<=0.01' \
	  --front $(PLOTS_OUT)/front.csv scenarios/tune-liveness.yaml > $(PLOTS_OUT)/tune.txt
	$(Q)for f in png svg; do gnuplot -e "data='$(PLOTS_OUT)/front.csv'; \
	  out='$(PLOTS_OUT)/pareto.$$f'" plots/pareto.gp || exit 1; done
	@echo "  PLOTS   $(PLOTS_OUT)/*.png $(PLOTS_OUT)/*.svg"

install: podsim
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 podsim $(DESTDIR)$(BINDIR)/podsim
	install -m 644 sim/podsim.1 $(DESTDIR)$(MANDIR)/man1/podsim.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/podsim $(DESTDIR)$(MANDIR)/man1/podsim.1

clean:
	rm -rf build build-* podsim
