# Blueprint: two set-up commands, `make run` and `make test` (see README.md).
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
GO ?= go
BIN := bin/blueprint
# Packages that start goroutines run under the race detector too.
RACE_PKGS := ./clp/...

.PHONY: deps test-deps build run test vet fmtcheck bench clean

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
	./$(BIN) run --out out/beijing --format csv,iamc
	./$(BIN) report --out out/report --lang both

vet: deps
	$(GO) vet ./...

fmtcheck:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# test-deps adds what the tests compare against or drive: GLPK's glpsol
# (the OSeMOSYS reference solver, for parity tests) and, through
# report-deps, headless Chromium, CJK fonts and poppler-utils.
test-deps: deps report-deps
	@command -v glpsol >/dev/null || { echo "installing: glpk-utils"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq glpk-utils; }

test: test-deps vet fmtcheck
	$(GO) test -count=1 -timeout 25m ./...
	$(GO) test -count=1 -race -timeout 25m $(RACE_PKGS)

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin

# report-deps installs what the PDF report and its browser tests need:
# headless Chromium, Noto CJK fonts (Chinese report) and poppler-utils
# (pdffonts, pdfinfo, pdftoppm). Without them the HTML report still works
# and the browser tests skip with a message.
.PHONY: report-deps report docs-png
report-deps:
	@need=""; \
	command -v chromium >/dev/null || need="$$need chromium"; \
	fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need="$$need fonts-noto-cjk"; \
	fc-list 2>/dev/null | grep -qi 'WenQuanYi Zen Hei' || need="$$need fonts-wqy-zenhei"; \
	command -v pdftoppm >/dev/null || need="$$need poppler-utils"; \
	if [ -n "$$need" ]; then \
		echo "installing:$$need"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need; \
	fi

# report writes the blueprint report (HTML and PDF, English and Chinese)
# of the embedded scenarios into out/report.
report: build report-deps
	./$(BIN) report --out out/report --lang both --pdf --macc 0:2000:250

# docs-png refreshes docs/report-<lang>-<page>.png, the first two pages of
# each language's PDF, shown in the README.
docs-png: report
	for l in en zh; do for p in 1 2; do \
		pdftoppm -png -r 60 -f $$p -l $$p -singlefile out/report/report.$$l.pdf docs/report-$$l-$$p || exit 1; \
	done; done
