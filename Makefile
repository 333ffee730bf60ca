# partnerbot: the two commands a newcomer needs.
#   make run   installs missing system packages, builds, starts the bot in dev mode
#   make test  installs missing system packages (PostgreSQL too), runs every test
SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin

.PHONY: run test build system-packages release clean soak

system-packages:
	@./scripts/install-system-packages.sh

build: system-packages
	swift build

run: build
	.build/debug/partnerbot serve --dev

# The crash-safety tests run the real executable, so it is built first. The PostgreSQL tests
# get a throwaway cluster on a free local port, stopped and removed afterwards. The suite runs
# twice: on SQLite (tests in parallel), then on PostgreSQL (PARTNERBOT_TEST_BACKEND; one test at a
# time, so each test's database and connections are gone before the next opens its own).
test:
	@./scripts/install-system-packages.sh --test
	swift build --product partnerbot
	./scripts/with-test-postgres.sh sh -c 'swift test && PARTNERBOT_TEST_BACKEND=postgres swift test --skip-build --no-parallel'

# Ten minutes of mixed traffic with Web API faults against the release server (not part of make test).
soak: system-packages
	Benchmarks/run.sh --only soak

release: system-packages
	swift build -c release

clean:
	rm -rf .build
