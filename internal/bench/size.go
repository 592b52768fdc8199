package bench

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/kbench/kbench/dispatch"
)

// A Size is one input size of a run: an element count, a byte size, or a
// named cache level whose byte size comes from the CPU's cache sizes.
//
// Element counts take decimal suffixes (K = 1000, M = 10^6, G = 10^9), as
// benchmark sizes usually are; byte sizes must end in B: KiB, MiB, GiB are
// binary (1024), KB, MB, GB decimal. A byte size is the working set of one
// operation: for a grouped kernel that is the codes and every column.
type Size struct {
	Label string // "l1", "l2", "llc", "dram", or "" for an explicit size
	Bytes int64  // the working set in bytes; 0 for an element count
	N     int64  // the element count; 0 for a byte size
	Text  string // as written by the user
}

// SizeNames are the named sizes, smallest first.
var sizeNames = []string{"l1", "l2", "llc", "dram"}

// SizeNames returns the names that ParseSize accepts besides numbers.
func SizeNames() []string { return append([]string(nil), sizeNames...) }

// sizeHelp is the tail of every size error.
const sizeHelp = "want an element count (4096, 100K, 2M; K=1000), a byte size (32KiB, 64MiB, 1GB) or one of l1, l2, llc, dram"

// ParseSize parses one size; c gives the byte sizes of the named ones.
func ParseSize(s string, c Caches) (Size, error) {
	t := strings.TrimSpace(s)
	lt := strings.ToLower(t)
	switch lt {
	case "l1":
		return Size{Label: lt, Bytes: c.L1Target(), Text: t}, nil
	case "l2":
		return Size{Label: lt, Bytes: c.L2Target(), Text: t}, nil
	case "llc":
		return Size{Label: lt, Bytes: c.LLCTarget(), Text: t}, nil
	case "dram":
		return Size{Label: lt, Bytes: c.DRAMTarget(), Text: t}, nil
	}
	i := 0
	for i < len(lt) && (lt[i] >= '0' && lt[i] <= '9' || lt[i] == '.') {
		i++
	}
	num, unit := lt[:i], lt[i:]
	v, err := strconv.ParseFloat(num, 64)
	if num == "" || err != nil || v <= 0 {
		return Size{}, fmt.Errorf("size %q: %s", s, sizeHelp)
	}
	mult, isBytes := 0.0, false
	switch unit {
	case "":
		mult = 1
	case "k":
		mult = 1e3
	case "m":
		mult = 1e6
	case "g":
		mult = 1e9
	case "b":
		mult, isBytes = 1, true
	case "kb":
		mult, isBytes = 1e3, true
	case "mb":
		mult, isBytes = 1e6, true
	case "gb":
		mult, isBytes = 1e9, true
	case "kib":
		mult, isBytes = 1<<10, true
	case "mib":
		mult, isBytes = 1<<20, true
	case "gib":
		mult, isBytes = 1<<30, true
	default:
		return Size{}, fmt.Errorf("size %q: unknown unit %q: %s", s, unit, sizeHelp)
	}
	n := v * mult
	if n != math.Trunc(n) || n < 1 || n > 1<<40 {
		return Size{}, fmt.Errorf("size %q: not a whole number between 1 and 2^40: %s", s, sizeHelp)
	}
	if isBytes {
		return Size{Bytes: int64(n), Text: t}, nil
	}
	return Size{N: int64(n), Text: t}, nil
}

// ParseSizes parses a list of sizes, each element of list possibly a comma
// separated list itself.
func ParseSizes(list []string, c Caches) ([]Size, error) {
	var out []Size
	for _, item := range list {
		for _, s := range strings.Split(item, ",") {
			if strings.TrimSpace(s) == "" {
				continue
			}
			z, err := ParseSize(s, c)
			if err != nil {
				return nil, err
			}
			out = append(out, z)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("size: none given: %s", sizeHelp)
	}
	return out, nil
}

// Caches are the cache sizes that the named sizes and the rotation of
// inputs are derived from, in bytes.
type Caches struct {
	L1D, L2, LLC int64
	// Known reports, per level, whether the size came from the CPU
	// rather than a fallback.
	L1DKnown, L2Known, LLCKnown bool
}

// Fallbacks when the CPU does not report a cache: sizes typical of a
// current desktop core.
const (
	fallbackL1D = 64 << 10
	fallbackL2  = 2 << 20
	fallbackLLC = 64 << 20
)

// HostCaches returns the cache sizes of this CPU, with fallbacks for the
// ones it does not report. A CPU without an L3 has its L2 as last level.
func HostCaches() Caches {
	c := dispatch.Host()
	var k Caches
	k.L1D, k.L1DKnown = pick(c.L1D, fallbackL1D)
	k.L2, k.L2Known = pick(c.L2, fallbackL2)
	k.LLC, k.LLCKnown = pick(c.L3, fallbackLLC)
	if !k.LLCKnown && k.L2Known {
		k.LLC, k.LLCKnown = k.L2, true
	}
	return k
}

func pick(v int, fallback int64) (int64, bool) {
	if v > 0 {
		return int64(v), true
	}
	return fallback, false
}

// L1Target is the byte size of "l1": half the L1 data cache, so the input
// stays in L1 next to everything else the loop touches.
func (c Caches) L1Target() int64 { return c.L1D / 2 }

// L2Target is the byte size of "l2": half the L2.
func (c Caches) L2Target() int64 { return c.L2 / 2 }

// LLCTarget is the byte size of "llc": well above the L2 and well inside
// the last level, min(LLC/2, 8·L2). Where the last level is the L2, it is
// the L2 target.
func (c Caches) LLCTarget() int64 {
	if c.LLC <= c.L2 {
		return c.L2Target()
	}
	return min(c.LLC/2, 8*c.L2)
}

// MaxDRAMBytes bounds the rotated working set, so that a run fits in the
// memory of small CI machines.
const MaxDRAMBytes = 1 << 30

// maxDRAMTarget bounds the size of "dram": one operation over a larger
// input takes so long that the default run would not finish in a minute.
const maxDRAMTarget = 512 << 20

// DRAMTarget is the byte size of "dram": twice the last level cache, at
// least 256 MiB, at most 512 MiB. Where that is below twice the LLC, the
// measurement rotates through copies (see [Caches.Copies]).
func (c Caches) DRAMTarget() int64 {
	return min(max(2*c.LLC, 256<<20), maxDRAMTarget)
}

// MemLevel names the smallest cache level a working set of the given
// bytes fits in: "l1", "l2", "llc" or "dram".
func (c Caches) MemLevel(bytes int64) string {
	switch {
	case bytes <= c.L1D:
		return "l1"
	case bytes <= c.L2:
		return "l2"
	case bytes <= c.LLC:
		return "llc"
	}
	return "dram"
}

// Copies returns how many copies of an input of the given bytes a
// measurement rotates through so that a working set meant for memory is
// not served from the last level cache: inputs larger than half the LLC
// are replicated until the copies reach twice the LLC (at most
// [MaxDRAMBytes] in all). Smaller inputs are meant to sit in a cache and
// are not replicated.
func (c Caches) Copies(bytes int64) int {
	if bytes <= c.LLC/2 || bytes >= 2*c.LLC {
		return 1
	}
	k := (2*c.LLC + bytes - 1) / bytes
	k = min(k, max(MaxDRAMBytes/bytes, 1))
	return int(max(k, 1))
}

// FormatBytes writes b with a binary unit: 48 KiB, 1.5 MiB.
func FormatBytes(b int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	v := float64(b)
	u := 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	switch {
	case v == math.Trunc(v):
		return fmt.Sprintf("%d %s", int64(v), units[u])
	case v >= 100:
		return fmt.Sprintf("%.0f %s", v, units[u])
	}
	return fmt.Sprintf("%.3g %s", v, units[u])
}

// FormatCount writes n with a decimal suffix: 4096, 1.2M.
func FormatCount(n int64) string {
	switch {
	case n < 10_000:
		return strconv.FormatInt(n, 10)
	case n < 1e6:
		return trimZero(float64(n)/1e3) + "K"
	case n < 1e9:
		return trimZero(float64(n)/1e6) + "M"
	}
	return trimZero(float64(n)/1e9) + "G"
}

func trimZero(v float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
}
