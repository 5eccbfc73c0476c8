# Thin wrapper around CMake: `make demo`, `make test`, `make bench`, `make asan-test`.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEPS_PKGS := cmake gcc make libreadline-dev libffi-dev libgmp-dev python3

.PHONY: all deps build demo test bench asan-test gc-stress-test clean

all: build

deps:
	@sh tests/tools/check-deps.sh $(DEPS_PKGS)

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/vitrine samples/tour.py

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	python3 benchmarks/run.py --interp ./$(BUILD)/vitrine

asan-test: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DVITRINE_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# The programs suite with a collection every 100 container allocations, to shake out
# traverse/clear bugs (programs that print GC counters are excluded: stress changes them).
gc-stress-test: build
	cd $(BUILD) && VITRINE_GC_STRESS=100 ctest --output-on-failure -j $(JOBS) -R '^programs/' -E '^programs/gc_'

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
