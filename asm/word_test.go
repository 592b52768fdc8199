package asm_test

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/arch/arm64/arm64asm"
)

// wordLine is a WORD directive of the arm64 assembly: the Go assembler
// lacks the vector floating-point mnemonics, so those instructions are
// spelled as their encoding followed by the instruction in GNU syntax.
var wordLine = regexp.MustCompile(`^\s*WORD\s+\$0x([0-9a-fA-F]{8})\s*//\s*(.*?)\s*$`)

// TestWordEncodings decodes every WORD of asm/*_arm64.s and checks that it
// is the instruction its comment names. It runs on every GOARCH.
func TestWordEncodings(t *testing.T) {
	files, err := filepath.Glob("*_arm64.s")
	if err != nil {
		t.Fatal(err)
	}
	words := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "WORD") {
				continue
			}
			m := wordLine.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("%s:%d: WORD without an 8-digit hex encoding and a // instruction comment: %q", file, i+1, line)
				continue
			}
			words++
			w, _ := strconv.ParseUint(m[1], 16, 32) // the pattern admits only valid hex
			var b [4]byte
			binary.LittleEndian.PutUint32(b[:], uint32(w))
			inst, err := arm64asm.Decode(b[:])
			if err != nil {
				t.Errorf("%s:%d: %#08x does not decode: %v", file, i+1, w, err)
				continue
			}
			got := arm64asm.GNUSyntax(inst)
			if want := strings.Join(strings.Fields(m[2]), " "); got != want {
				t.Errorf("%s:%d: %#08x is %q, the comment says %q%s", file, i+1, w, got, want, suggest(uint32(w), want))
			}
		}
	}
	if words == 0 {
		t.Fatalf("no WORD directives found in %v", files)
	}
	t.Logf("%d WORD directives in %d files", words, len(files))
}

// suggest looks for the encoding of want among the words that differ from
// w only in the register fields Rd, Rn and Rm (bits 0-9 and 16-20), which
// catches a line copied and given other registers.
func suggest(w uint32, want string) string {
	const regs = 0x1f<<16 | 0x3ff
	for f := uint32(0); f < 1<<15; f++ {
		c := w&^regs | (f>>10)<<16 | f&0x3ff
		var b [4]byte
		binary.LittleEndian.PutUint32(b[:], c)
		if inst, err := arm64asm.Decode(b[:]); err == nil && arm64asm.GNUSyntax(inst) == want {
			return fmt.Sprintf(" (that is WORD $%#08x)", c)
		}
	}
	return ""
}
