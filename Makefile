# Blueprint: two set-up commands, `make run` and `make test` (see README.md).
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
GO ?= go
BIN := bin/blueprint
# Packages that start goroutines run under the race detector too.
RACE_PKGS := ./clp/...

.PHONY: deps build run test vet fmtcheck bench clean

# deps installs what a fresh Debian machine lacks: COIN-OR Clp (headers,
# library, pkg-config file) and pkg-config itself.
deps:
	@need=""; \
	[ -f /usr/include/coin/Clp_C_Interface.h ] || need="$$need coinor-libclp-dev"; \
	command -v pkg-config >/dev/null || need="$$need pkg-config"; \
	command -v gcc >/dev/null || need="$$need gcc"; \
	if [ -n "$$need" ]; then \
		echo "installing:$$need"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need; \
	fi

build: deps
	$(GO) build -o $(BIN) ./cmd/blueprint

run: build
	./$(BIN) run --out out/utopia --format csv,iamc

vet: deps
	$(GO) vet ./...

fmtcheck:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

test: deps vet fmtcheck
	$(GO) test -count=1 -timeout 25m ./...
	$(GO) test -count=1 -race -timeout 25m $(RACE_PKGS)

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
