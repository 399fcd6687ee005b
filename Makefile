# paxwatch — the two commands of the README, and the ones around them.
#
#   make run    install what is missing, build, screen the bundled samples
#   make test   the whole suite: release build + AddressSanitizer/UBSan build
#   make bench  figures (prints, never fails on a timing)
#   make fuzz   the fuzzers of every input reader, at length
#
# Missing Debian packages are installed with apt-get when run as root;
# otherwise the exact command to run is printed.

DEBIAN_PACKAGES := cmake gcc clang libclang-rt-dev pkg-config libicu-dev libjansson-dev libsqlite3-dev \
                   libpq-dev libxml2-dev libsodium-dev libcmocka-dev postgresql

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
PAXWATCH   := $(BUILD)/paxwatch

.PHONY: all deps build asan run test bench fuzz clean

all: build

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "missing Debian packages; run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null

$(ASAN_BUILD)/CMakeCache.txt: | deps
	CC=clang cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPW_SANITIZE=ON >/dev/null

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

asan: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)

run: build
	@sh scripts/run-samples.sh $(PAXWATCH)

test: build asan
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS) -LE slow

bench: build
	@sh bench/run.sh $(BUILD)

fuzz: deps
	@sh fuzz/run.sh $${FUZZ_SECONDS:-300}

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
