# kbench — see README.md. `make test` is what CI runs.
GO ?= go

.PHONY: all build test test-go test-race test-purego bench lint

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

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^asm/_gen/')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
