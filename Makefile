# kbench — see README.md. `make test` is what CI runs.
GO ?= go

.PHONY: all build test test-go test-race test-purego bench bench-json lint

all: build

build:
	$(GO) build ./...

test: lint test-go test-race test-purego

test-go:
	$(GO) test ./...

# The concurrent code runs under the race detector.
test-race:
	$(GO) test -race -short ./kernels/...

# No assembly at all: the portable build must pass the same tests.
test-purego:
	$(GO) test -tags purego -short ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The measurements of this machine, as JSON (docs/kbench.md).
bench-json:
	mkdir -p results
	$(GO) run ./cmd/kbench run --format json --output results/$$($(GO) env GOARCH).json

ACTIONLINT ?= github.com/rhysd/actionlint/cmd/actionlint@v1.7.7

lint:
	$(GO) run $(ACTIONLINT) .github/workflows/ci.yml
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^asm/_gen/')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
