# GammaDesk. `make run` and `make test` are the two commands; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run
JOBS ?= $(shell nproc)

.PHONY: run test build bench deps frontend stop-db clean check-config

deps:  ## install missing system packages (idempotent; same script as CI and the Dockerfile)
	@scripts/bootstrap.sh

build: deps  ## configure and build everything (Release) into build/bin
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

frontend: deps  ## build the dashboard into frontend/dist (served by gammadesk)
	@if [ -f frontend/package.json ]; then scripts/frontend.sh build; fi

run: build frontend  ## local Postgres + migrations + the service on PORT (default 8000)
	@scripts/run.sh

test: build frontend  ## the whole suite under ctest: unit, integration (real Postgres), fakes, browser
	@ctest --test-dir build --output-on-failure --timeout 900

bench: build  ## Google Benchmark programs; JSON results in build/bench/
	@scripts/bench.sh

check-config: build
	@build/bin/gammadesk --check-config

stop-db:  ## stop the project-local Postgres started by make run
	@scripts/pg-down.sh "$(CURDIR)/.data/pg"

clean:
	@rm -rf build build-debug build-asan
