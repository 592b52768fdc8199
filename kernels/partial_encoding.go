package kernels

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
)

// The encoding of a Partial, all integers little-endian:
//
//	magic "KBGP", version uint16 (2), ngroups uint32, ncols uint32,
//	per column: name length uint32, name bytes, aggs uint32, ddof uint32;
//	the tables in a fixed order (size, then per column sum, mom, min, max,
//	ncnt, nsum, nmom, nmin, nmax, each present exactly when the columns'
//	aggregations need it): int64 counts, float64 bits, Moments as N, Hi,
//	Lo, M2; then the CRC-32 (IEEE) of everything before it.
//
// Version 2 has the same layout as 1, but its variance states follow the
// canonical order with variance chunks (docs/design.md): a state of
// version 1 merged with one of version 2 would not give the bits of one
// call, so version 1 is refused.
const (
	partialMagic   = "KBGP"
	partialVersion = 2
)

// MarshalBinary encodes p losslessly (every float by its bits).
func (p *Partial) MarshalBinary() ([]byte, error) {
	b := []byte(partialMagic)
	b = binary.LittleEndian.AppendUint16(b, partialVersion)
	b = binary.LittleEndian.AppendUint32(b, uint32(p.ngroups))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p.cols)))
	for _, c := range p.cols {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(c.name)))
		b = append(b, c.name...)
		b = binary.LittleEndian.AppendUint32(b, uint32(c.aggs))
		b = binary.LittleEndian.AppendUint32(b, uint32(c.ddof))
	}
	p.tables(func(i []int64, f []float64, m []Moments) {
		for _, v := range i {
			b = binary.LittleEndian.AppendUint64(b, uint64(v))
		}
		for _, v := range f {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		for _, v := range m {
			b = binary.LittleEndian.AppendUint64(b, uint64(v.N))
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.Hi))
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.Lo))
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.M2))
		}
	})
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b)), nil
}

// tables calls f on every table of p in the order of the encoding, with
// one argument non-nil.
func (p *Partial) tables(f func([]int64, []float64, []Moments)) {
	if p.size != nil {
		f(p.size, nil, nil)
	}
	for j := range p.st {
		s := &p.st[j]
		for _, t := range []any{s.sum, s.mom, s.min, s.max, s.ncnt, s.nsum, s.nmom, s.nmin, s.nmax} {
			switch t := t.(type) {
			case []int64:
				if t != nil {
					f(t, nil, nil)
				}
			case []float64:
				if t != nil {
					f(nil, t, nil)
				}
			case []Moments:
				if t != nil {
					f(nil, nil, t)
				}
			}
		}
	}
}

var errTruncated = errors.New("kernels: partial state truncated")

// UnmarshalBinary decodes what MarshalBinary encoded into p. Truncated,
// corrupt (checksum) or unknown-version input is an error and leaves p
// unchanged.
func (p *Partial) UnmarshalBinary(data []byte) error {
	if len(data) < len(partialMagic)+2+4+4+4 {
		return errTruncated
	}
	if string(data[:4]) != partialMagic {
		return fmt.Errorf("kernels: not a partial state (magic %q)", data[:4])
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if v := binary.LittleEndian.Uint16(data[4:]); v != partialVersion {
		return fmt.Errorf("kernels: partial state version %d, want %d", v, partialVersion)
	}
	if crc32.ChecksumIEEE(body) != sum {
		return errors.New("kernels: partial state corrupt (checksum mismatch)")
	}
	r := body[6:]
	u32 := func() (uint32, error) {
		if len(r) < 4 {
			return 0, errTruncated
		}
		v := binary.LittleEndian.Uint32(r)
		r = r[4:]
		return v, nil
	}
	ng, _ := u32()
	nc, err := u32()
	if err != nil {
		return err
	}
	if ng > MaxGroups || uint64(nc) > uint64(len(r)) {
		return fmt.Errorf("kernels: partial state corrupt: %d groups, %d columns", ng, nc)
	}
	cols := make([]colMeta, nc)
	for j := range cols {
		n, err := u32()
		if err != nil {
			return err
		}
		if uint64(n) > uint64(len(r)) {
			return errTruncated
		}
		cols[j].name, r = string(r[:n]), r[n:]
		a, _ := u32()
		d, err := u32()
		if err != nil {
			return err
		}
		if Agg(a)&^(aggEnd-1) != 0 || int32(d) < 0 {
			return fmt.Errorf("kernels: partial state corrupt: column %d aggs %#x ddof %d", j, a, int32(d))
		}
		cols[j].aggs, cols[j].ddof = Agg(a), int(d)
	}
	// Check the size before allocating the tables.
	q := &Partial{ngroups: int(ng), cols: cols}
	var words uint64
	for _, c := range cols {
		n := needs(c.aggs)
		for _, on := range []bool{n.sum, n.min, n.max, n.ncnt, n.nsum, n.nmin, n.nmax} {
			words += uint64(b2i(on))
		}
		words += 4 * uint64(b2i(n.mom)+b2i(n.nmom))
		if n.sized || n.mom {
			q.size = []int64{}
		}
	}
	words += uint64(b2i(q.size != nil))
	if words*8*uint64(ng) != uint64(len(r)) {
		return fmt.Errorf("kernels: partial state truncated or corrupt: %d table bytes, want %d", len(r), words*8*uint64(ng))
	}
	q = newPartial(int(ng), cols)
	q.tables(func(i []int64, f []float64, m []Moments) {
		next := func() uint64 {
			v := binary.LittleEndian.Uint64(r)
			r = r[8:]
			return v
		}
		for k := range i {
			i[k] = int64(next())
		}
		for k := range f {
			f[k] = math.Float64frombits(next())
		}
		for k := range m {
			m[k] = Moments{N: int64(next()), Hi: math.Float64frombits(next()), Lo: math.Float64frombits(next()), M2: math.Float64frombits(next())}
		}
	})
	*p = *q
	return nil
}
