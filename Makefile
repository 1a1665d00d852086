# The two commands a newcomer needs: `make run` and `make test`.
# Everything else here is a step of those two.

BUILD      ?= build
BUILD_ASAN ?= build-asan
DATA_DIR   ?= data
CMAKE_FLAGS ?= -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: run test setup build build-asan unit-asan clean

setup:
	@./scripts/setup.sh

$(BUILD)/build.ninja:
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

$(BUILD_ASAN)/build.ninja:
	@cmake -S . -B $(BUILD_ASAN) $(CMAKE_FLAGS) -DROBOCALL_SANITIZE=ON >/dev/null

build: setup $(BUILD)/build.ninja
	@cmake --build $(BUILD)

build-asan: setup $(BUILD_ASAN)/build.ninja
	@cmake --build $(BUILD_ASAN)

run: build
	@mkdir -p $(DATA_DIR)
	./$(BUILD)/robocall migrate --db $(DATA_DIR)/robocall.db

# Unit tests under ASan+UBSan first, then every test on the normal build;
# the output ends with ctest's summary of that last run.
test: build build-asan
	@cd $(BUILD_ASAN) && ctest -L unit --output-on-failure -j2
	@cd $(BUILD) && ctest --output-on-failure -j2

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
