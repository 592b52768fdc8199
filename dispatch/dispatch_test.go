package dispatch

import (
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestParseLevel(t *testing.T) {
	for _, l := range Levels() {
		got, err := ParseLevel(l.String())
		if err != nil || got != l {
			t.Errorf("ParseLevel(%q) = %v, %v", l.String(), got, err)
		}
	}
	for _, bad := range []string{"", "AVX2", "sse", "avx-512"} {
		if _, err := ParseLevel(bad); err == nil || !strings.Contains(err.Error(), "valid: generic, avx2, avx512, neon") {
			t.Errorf("ParseLevel(%q): err = %v, want one naming the valid levels", bad, err)
		}
	}
}

func TestSupported(t *testing.T) {
	s := Supported()
	if len(s) == 0 || s[0] != Generic {
		t.Fatalf("Supported() = %v, want generic first", s)
	}
	if Best() != s[len(s)-1] {
		t.Fatalf("Best() = %v, want last of %v", Best(), s)
	}
	for _, l := range Levels() {
		_, err := Kernels(l)
		if (err == nil) != slices.Contains(s, l) || Has(l) != (err == nil) {
			t.Errorf("Kernels(%s): err = %v, but Supported() = %v", l, err, s)
		}
		if err != nil && !strings.Contains(err.Error(), l.String()) {
			t.Errorf("Kernels(%s): error %q does not name the level", l, err)
		}
	}
	// Levels of the other architecture are never supported.
	if runtime.GOARCH == "amd64" && Has(NEON) || runtime.GOARCH == "arm64" && (Has(AVX2) || Has(AVX512)) {
		t.Errorf("Supported() = %v on %s", s, runtime.GOARCH)
	}
	// The snapshot is immutable: changing a returned slice changes nothing.
	s[0] = NEON
	h := Host()
	h.Levels[0], h.Features = NEON, nil
	if Supported()[0] != Generic || Host().Levels[0] != Generic {
		t.Fatal("snapshot changed through a returned slice")
	}
	if _, err := Kernels(Level(99)); err == nil {
		t.Error("Kernels(Level(99)): no error")
	}
}

func TestDefaultLevel(t *testing.T) {
	if l, err := defaultLevel(""); err != nil || l != Best() {
		t.Errorf(`defaultLevel("") = %v, %v`, l, err)
	}
	if l, err := defaultLevel("generic"); err != nil || l != Generic {
		t.Errorf(`defaultLevel("generic") = %v, %v`, l, err)
	}
	for _, l := range Levels() {
		got, err := defaultLevel(l.String())
		if Has(l) != (err == nil) {
			t.Errorf("defaultLevel(%s) = %v, %v; supported %v", l, got, err, Has(l))
		}
		if err != nil && (got != Best() || !strings.Contains(err.Error(), EnvLevel)) {
			t.Errorf("defaultLevel(%s) = %v, %v; want Best and an error naming %s", l, got, err, EnvLevel)
		}
	}
	if _, err := defaultLevel("fast"); err == nil {
		t.Error(`defaultLevel("fast"): no error`)
	}
}

func TestEnv(t *testing.T) {
	t.Setenv(EnvLevel, "generic")
	if l, err := Default(); err != nil || l != Generic {
		t.Errorf("Default() with %s=generic = %v, %v", EnvLevel, l, err)
	}
}
