# permgraph — build, test, bench and install.
#
#   make            build build/permgraph
#   make deps       install the Debian packages permgraph needs (sudo when not root)
#   make test       unit tests + golden CLI tests + fuzz corpus replay, under ASan and UBSan
#   make demo       scan the bundled demo estate
#   make bench      the benchmark (numbers go to tests/bench/RESULTS.md by hand)
#   make fuzz       build the libFuzzer harnesses (clang)
#   make install PREFIX=/usr/local
#
# V=1 prints the full commands; SANITIZE=address,undefined instruments a build.

PKG_CONFIG ?= pkg-config
CC ?= cc
PREFIX ?= /usr/local
BUILD ?= build
RE2C ?= re2c
SANITIZE ?=

VERSION := 0.1.0
PKGS := jansson yaml-0.1 libcgraph libgvc libcrypto
DEB_PKGS := build-essential pkg-config re2c libjansson-dev libyaml-dev libgraphviz-dev \
	libcunit1-dev libssl-dev graphviz

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-7s %s\n'
endif

WARNINGS := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wpointer-arith -Wstrict-prototypes \
	-Wmissing-prototypes -Wold-style-definition -Wvla -Wdeclaration-after-statement \
	-Wno-unused-parameter -Wno-missing-field-initializers

CFLAGS ?= -O2 -g
PG_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARNINGS) \
	-Ianalyzer -I. -I$(BUILD) -I$(BUILD)/gen -DPG_VERSION='"$(VERSION)"' -MMD -MP
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lm
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
CUNIT_LIBS = $(shell $(PKG_CONFIG) --libs cunit 2>/dev/null || echo -lcunit)

ifneq ($(SANITIZE),)
PG_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all -DPG_ARENA_MALLOC
LDFLAGS += -fsanitize=$(SANITIZE)
endif

GRAMMARS := $(wildcard grammars/*.re)
GEN_SRC := $(patsubst grammars/%.re,$(BUILD)/gen/%.c,$(GRAMMARS))
ifneq ($(wildcard analyzer/catalog/aws-actions.tsv),)
GEN_SRC += $(BUILD)/gen/aws_catalog_data.c
endif
ifneq ($(wildcard analyzer/catalog/azure-operations-2023-04-09.csv.gz),)
GEN_SRC += $(BUILD)/gen/az_ops_data.c $(BUILD)/gen/az_roles_data.c
endif
AWS_PRIVESC_YAML := $(sort $(wildcard analyzer/catalog/privesc/paths/*/*.yaml))
ifneq ($(AWS_PRIVESC_YAML),)
GEN_SRC += $(BUILD)/gen/aws_privesc_data.c
endif
SRC := $(filter-out analyzer/main.c,$(wildcard analyzer/*/*.c))
OBJ := $(patsubst %.c,$(BUILD)/%.o,$(SRC)) $(patsubst %.c,%.o,$(GEN_SRC))
TEST_SRC ?= $(wildcard tests/test_*.c)
TEST_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(TEST_SRC) tests/unit_main.c)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_REPLAY := $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/fuzz/replay_%,$(FUZZ_SRC))
DEPS_STAMP := $(BUILD)/.deps-ok

.PHONY: all deps test check unit golden fuzz-replay demo bench fuzz install clean lint FORCE
.SUFFIXES:
.SECONDARY:

all: $(BUILD)/permgraph

# Install what is missing; nothing when every library is present.
deps:
	@missing=""; \
	for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "all dependencies present"; fi
	@# Node (the SARIF schema check, the browser test) and Chromium (the browser
	@# test): by command, since node may come from another repository than Debian's.
	@SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	tools=""; command -v node >/dev/null || tools="$$tools nodejs"; \
	command -v npm >/dev/null || tools="$$tools npm"; \
	[ -x /usr/bin/chromium ] || tools="$$tools chromium"; \
	if [ -n "$$tools" ]; then echo "installing:$$tools"; $$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$tools; fi
	$(Q)$(MAKE) --no-print-directory $(NODE_DEPS)

# The test tools from npm, pinned by their lock files.
NODE_DEPS := tests/sarif/node_modules/.package-lock.json tests/browser/node_modules/.package-lock.json
tests/%/node_modules/.package-lock.json: tests/%/package-lock.json
	$(quiet) NPM tests/$*
	$(Q)npm ci --prefix tests/$* --no-audit --no-fund --loglevel=error >/dev/null

$(DEPS_STAMP):
	@mkdir -p $(@D)
	@if ! $(PKG_CONFIG) --exists $(PKGS) || ! command -v $(RE2C) >/dev/null || \
	    ! $(PKG_CONFIG) --exists cunit 2>/dev/null && ! [ -e /usr/include/CUnit/CUnit.h ]; then \
		$(MAKE) --no-print-directory deps; fi
	@touch $@

$(BUILD)/permgraph: $(BUILD)/analyzer/main.o $(BUILD)/libpermgraph.a
	$(quiet) LINK $@
	$(Q)$(CC) $(CFLAGS) $(PG_CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS)

$(BUILD)/libpermgraph.a: $(OBJ)
	$(quiet) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c | $(DEPS_STAMP) $(GEN_SRC)
	@mkdir -p $(@D)
	$(quiet) CC $<
	$(Q)$(CC) $(CFLAGS) $(PG_CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(quiet) CC $<
	$(Q)$(CC) $(CFLAGS) $(PG_CFLAGS) -Wno-unused-label $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/gen/%.c: grammars/%.re | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(quiet) RE2C $<
	$(Q)$(RE2C) -W --no-generation-date -o $@ $<

$(BUILD)/gen/aws_catalog_data.c: analyzer/catalog/aws-actions.tsv analyzer/catalog/gen_aws_catalog.awk
	@mkdir -p $(@D)
	$(quiet) GEN $@
	$(Q)LC_ALL=C awk -F'\t' -f analyzer/catalog/gen_aws_catalog.awk $< > $@.tmp && mv $@.tmp $@

# The Azure tables: build tools compiled for the build machine (never
# sanitized, so SANITIZE=...fuzzer-no-link builds still run them).
AZ_OPS_CSV := analyzer/catalog/azure-operations-2023-04-09.csv.gz
AZ_ROLES_JSON := analyzer/catalog/azure-built-in-roles.json
TOOL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -O2 $(WARNINGS)

$(BUILD)/tools/gen_az_ops: tools/gen_az_ops.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(quiet) HOSTCC $@
	$(Q)$(CC) $(TOOL_CFLAGS) -o $@ $<

$(BUILD)/tools/gen_az_roles: tools/gen_az_roles.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(quiet) HOSTCC $@
	$(Q)$(CC) $(TOOL_CFLAGS) $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null) -o $@ $< \
		$(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)

$(BUILD)/gen/az_ops_data.c: $(AZ_OPS_CSV) $(BUILD)/tools/gen_az_ops
	@mkdir -p $(@D)
	$(quiet) GEN $@
	$(Q)gzip -dc $< > $@.csv && $(BUILD)/tools/gen_az_ops $@.csv $< > $@.tmp && rm -f $@.csv && mv $@.tmp $@

$(BUILD)/gen/az_roles_data.c: $(AZ_ROLES_JSON) $(BUILD)/tools/gen_az_roles
	@mkdir -p $(@D)
	$(quiet) GEN $@
	$(Q)$(BUILD)/tools/gen_az_roles $< > $@.tmp && mv $@.tmp $@

# The AWS privilege-escalation paths (pathfinding.cloud YAML), read with libyaml.
$(BUILD)/tools/gen_aws_privesc: tools/gen_aws_privesc.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(quiet) HOSTCC $@
	$(Q)$(CC) $(TOOL_CFLAGS) $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null) -o $@ $< \
		$(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null || echo -lyaml)

$(BUILD)/gen/aws_privesc_data.c: $(AWS_PRIVESC_YAML) $(BUILD)/tools/gen_aws_privesc
	@mkdir -p $(@D)
	$(quiet) GEN $@
	$(Q)$(BUILD)/tools/gen_aws_privesc $(AWS_PRIVESC_YAML) > $@.tmp && mv $@.tmp $@

# The HTML report's page skeleton, CSS and JS (reports/report.*), embedded as C
# strings so the binary needs no files at run time (tools/embed.awk).
REPORT_TEMPLATES := reports/report.html.in reports/report.css reports/report.js

$(BUILD)/gen/report_templates.h: $(REPORT_TEMPLATES) tools/embed.awk
	@mkdir -p $(@D)
	$(quiet) GEN $@
	$(Q)LC_ALL=C awk -f tools/embed.awk $(REPORT_TEMPLATES) > $@.tmp && mv $@.tmp $@

$(BUILD)/analyzer/render/render_html.o: $(BUILD)/gen/report_templates.h

# --- tests -------------------------------------------------------------------

# Regenerated on every run (the suite list follows TEST_SRC), replaced only when it changes.
$(BUILD)/tests/suites.h: FORCE
	@mkdir -p $(@D)
	$(Q)for f in $(sort $(TEST_SRC)); do n=$$(basename $$f .c); n=$${n#test_}; \
		echo "SUITE($$n)"; done > $@.tmp && { cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@; }

FORCE:

$(BUILD)/tests/unit_main.o: $(BUILD)/tests/suites.h

$(BUILD)/tests/unit: $(TEST_OBJ) $(BUILD)/libpermgraph.a
	$(quiet) LINK $@
	$(Q)$(CC) $(CFLAGS) $(PG_CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS) $(CUNIT_LIBS)

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(BUILD)/libpermgraph.a
	@mkdir -p $(@D)
	$(quiet) LINK $@
	$(Q)$(CC) $(CFLAGS) $(PG_CFLAGS) $(PKG_CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS)

TEST_BUILD := build/test
# Graphviz's own allocations that outlive gvFreeContext (fontconfig, plugin
# registries) are suppressed; permgraph's leaks are not.
TEST_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

# The README's test command: everything under AddressSanitizer and UBSan.
test: | $(DEPS_STAMP)
	$(Q)$(MAKE) --no-print-directory BUILD=$(TEST_BUILD) SANITIZE=address,undefined check

check: lint $(BUILD)/tests/unit $(BUILD)/permgraph $(FUZZ_REPLAY)
	$(Q)$(TEST_ENV) $(BUILD)/tests/unit
	$(Q)$(TEST_ENV) tests/golden.sh $(BUILD)/permgraph
	$(Q)$(MAKE) --no-print-directory $(NODE_DEPS)
	$(Q)tests/sarif/check.sh $$(for a in $$(grep -l -e "-f sarif" $$(find fixtures -name args)); do \
		o=$${a%args}expected.out; [ -s "$$o" ] && echo "$$o"; done)
	$(Q)$(TEST_ENV) tests/reports_dir.sh $(BUILD)/permgraph
	$(Q)$(TEST_ENV) tests/precommit.sh $(BUILD)/permgraph
	$(Q)$(TEST_ENV) tests/browser/run.sh $(BUILD)/permgraph
	$(Q)for r in $(FUZZ_REPLAY); do n=$${r##*/replay_}; \
		$(TEST_ENV) $$r tests/fuzz/corpus/$$n || exit 1; done

# Functions permgraph never calls (git's banned.h, as a lint).
lint:
	$(Q)if grep -nE '\b(strcpy|strcat|strncpy|strncat|strtok|sprintf|vsprintf|gets)\s*\(' \
		$(SRC) analyzer/main.c $(TEST_SRC); then \
		echo "lint: banned function (use strbuf or snprintf)"; exit 1; fi

demo: $(BUILD)/permgraph
	$(Q)tests/demo.sh $(BUILD)/permgraph

bench: $(BUILD)/permgraph
	$(Q)tests/bench/run.sh $(BUILD)/permgraph

FUZZ_BUILD := build/fuzz
fuzz: | $(DEPS_STAMP)
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang SANITIZE=address,undefined,fuzzer-no-link \
		$(FUZZ_BUILD)/libpermgraph.a
	$(Q)for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
		clang -g -O1 -fsanitize=address,undefined,fuzzer -Ianalyzer $(PKG_CFLAGS) -o $(FUZZ_BUILD)/$$n $$f \
		$(FUZZ_BUILD)/libpermgraph.a $(LIBS) || exit 1; echo "  built $(FUZZ_BUILD)/$$n"; done

install: $(BUILD)/permgraph
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/permgraph $(DESTDIR)$(PREFIX)/bin/permgraph

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
