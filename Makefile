# kbench — see README.md. `make test` is what CI runs.
GO ?= go

.PHONY: all build test test-go test-race test-purego test-arm64 cross bench bench-json lint

all: build

build:
	$(GO) build ./...

test: lint test-go test-race test-purego test-arm64 cross

test-go:
	$(GO) test ./...

# The concurrent code runs under the race detector.
test-race:
	$(GO) test -race -short ./kernels/...

# No assembly at all: the portable build must pass the same tests.
test-purego:
	$(GO) test -tags purego -short ./...

# The arm64 build (NEON assembly) under qemu user-mode emulation; its timings
# say nothing about real NEON speed.
QEMU_ARM64 ?= qemu-aarch64-static
test-arm64:
	@command -v $(QEMU_ARM64) >/dev/null || { echo "test-arm64: $(QEMU_ARM64) not found (apt-get install qemu-user-static)"; exit 1; }
	GOARCH=arm64 $(GO) vet ./...
	GOARCH=arm64 $(GO) test -short -exec $(QEMU_ARM64) ./...

# Build-only checks that every other target finds its fallbacks.
cross:
	GOOS=darwin GOARCH=arm64 $(GO) build ./...
	GOOS=windows GOARCH=amd64 $(GO) build ./...
	GOOS=linux GOARCH=riscv64 $(GO) build ./...
	GOOS=js GOARCH=wasm $(GO) build ./...
	$(GO) vet -tags purego ./...
	GOARCH=arm64 $(GO) build -tags purego ./...

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
