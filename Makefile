# The two commands a newcomer needs: `make run` and `make test`.
# Everything else here is a step of those two.

BUILD      ?= build
BUILD_ASAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_XML_SECONDS ?= 30
# A fixed seed keeps `make test` reproducible; `make fuzz FUZZ_SEED=0` explores anew.
FUZZ_SEED  ?= 1
DATA_DIR   ?= data
CMAKE_FLAGS ?= -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: run test setup build build-asan unit-asan clean fuzz web demo deb

setup:
	@./scripts/setup.sh

$(BUILD)/build.ninja:
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

$(BUILD_ASAN)/build.ninja:
	@cmake -S . -B $(BUILD_ASAN) $(CMAKE_FLAGS) -DROBOCALL_SANITIZE=ON >/dev/null

build: setup $(BUILD)/build.ninja
	@cmake --build $(BUILD)

# The sanitizer build serves only `ctest -L unit`: the unit tests alone.
build-asan: setup $(BUILD_ASAN)/build.ninja
	@cmake --build $(BUILD_ASAN) --target robocall_unit_tests

# The admin web UI: web/dist is rebuilt only when its sources, the OpenAPI
# document its types come from (`npm run build` generates them) or the lock change.
WEB_SOURCES := $(shell find web/src -type f 2>/dev/null) web/index.html web/tsconfig.json web/vite.config.ts web/package.json docs/openapi.yaml

web/node_modules/.package-lock.json: web/package-lock.json
	@cd web && npm ci --no-audit --no-fund

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	@cd web && npm run build --silent

web: setup web/dist/index.html

run: build web
	@mkdir -p $(DATA_DIR)
	./$(BUILD)/robocall serve --db $(DATA_DIR)/robocall.db --data-dir $(DATA_DIR) --web-dir web/dist

# Unit tests under ASan+UBSan first, then every test on the normal build;
# the output ends with ctest's summary of that last run.
test: build build-asan fuzz
	@cd $(BUILD_ASAN) && ctest -L unit --output-on-failure -j2
	@cd $(BUILD) && ctest --output-on-failure -j2

# The XLSX reader under libFuzzer (clang, ASan+UBSan) for FUZZ_SECONDS, then
# the worksheet scanner against expat for FUZZ_XML_SECONDS, from a seed corpus
# generated here; each stops by itself and prints its log tail on a crash.
fuzz: setup
	@CC=clang CXX=clang++ cmake -S fuzz -B $(BUILD_FUZZ) -G Ninja >/dev/null
	@cmake --build $(BUILD_FUZZ)
	@rm -rf $(BUILD_FUZZ)/seeds && mkdir -p $(BUILD_FUZZ)/corpus
	@./$(BUILD_FUZZ)/xlsx_seed_corpus $(BUILD_FUZZ)/seeds
	@./$(BUILD_FUZZ)/xlsx_reader_fuzzer -seed=$(FUZZ_SEED) -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	  $(BUILD_FUZZ)/corpus $(BUILD_FUZZ)/seeds >$(BUILD_FUZZ)/fuzz.log 2>&1 \
	  || (tail -60 $(BUILD_FUZZ)/fuzz.log; exit 1)
	@grep -E '^Done [0-9]+ runs' $(BUILD_FUZZ)/fuzz.log | sed 's/^/fuzz xlsx reader: /'
	@mkdir -p $(BUILD_FUZZ)/corpus-xml
	@./$(BUILD_FUZZ)/xml_scanner_fuzzer -seed=$(FUZZ_SEED) -max_total_time=$(FUZZ_XML_SECONDS) -rss_limit_mb=2048 \
	  -dict=fuzz/xml.dict \
	  $(BUILD_FUZZ)/corpus-xml $(BUILD_FUZZ)/seeds >$(BUILD_FUZZ)/fuzz-xml.log 2>&1 \
	  || (tail -60 $(BUILD_FUZZ)/fuzz-xml.log; exit 1)
	@grep -E '^Done [0-9]+ runs' $(BUILD_FUZZ)/fuzz-xml.log | sed 's/^/fuzz xml scanner against expat: /'

# robocall calling simulated SIPp patients on this machine (demo/run.sh):
# prints the UI address and the admin password; Ctrl-C stops everything.
demo: build web
	@./demo/run.sh $(BUILD)/robocall web/dist

# The Debian package (debian/README.source), built in a copy of the tree
# (the files git knows, committed or not, and web/node_modules) so no build
# output lands here; rebuilt only when one of those files changed.
DEB_DIR     ?= build-deb
DEB_VERSION := $(shell dpkg-parsechangelog -l debian/changelog -S Version 2>/dev/null)
DEB         := $(DEB_DIR)/robocall_$(DEB_VERSION)_amd64.deb
DEB_SOURCES := $(wildcard $(shell git ls-files -co --exclude-standard 2>/dev/null))

deb: setup $(DEB)
	@echo "$(DEB)"

$(DEB): web/node_modules/.package-lock.json $(DEB_SOURCES)
	@rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/robocall-$(DEB_VERSION)
	@touch $(DEB_DIR)/copied
	@tar -cf - $(DEB_SOURCES) | tar -xf - -C $(DEB_DIR)/robocall-$(DEB_VERSION)
	@cp -a web/node_modules $(DEB_DIR)/robocall-$(DEB_VERSION)/web/
	@cd $(DEB_DIR)/robocall-$(DEB_VERSION) && CCACHE_DIR=$$(ccache -k cache_dir 2>/dev/null) \
	  dpkg-buildpackage -b -us -uc >../build.log 2>&1 || (tail -60 ../build.log; exit 1)
	@# Dated as the copy: a source changed during the build makes it stale.
	@touch -r $(DEB_DIR)/copied $(DEB)

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ) $(DEB_DIR)
