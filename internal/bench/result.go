package bench

// Schema is the version of the JSON document of a run. It changes when a
// field changes meaning or disappears; new fields may be added within a
// version.
const Schema = "kbench.run/v1"

// Report is one run: the machine, the memory roofline and one Result per
// kernel, element type, size and backend. It is the JSON document that
// `kbench run --format json` writes; docs/kbench.md describes each field.
type Report struct {
	Schema   string   `json:"schema"`
	Machine  Machine  `json:"machine"`
	Roofline Roofline `json:"roofline"`
	Config   Config   `json:"config"`
	// PeakRSSBytes is the peak resident set of the process at the end of
	// the run (getrusage maxrss); 0 where unknown.
	PeakRSSBytes int64 `json:"peak_rss_bytes"`
	// Interrupted is true when the run was stopped (Ctrl-C) before the end:
	// the results are those measured until then.
	Interrupted bool     `json:"interrupted"`
	Notes       []string `json:"notes"`
	Results     []Result `json:"results"`
}

// Roofline is the streaming-read bandwidth of this machine in GB/s
// (10^9 bytes per second), with one thread and with all of GOMAXPROCS.
type Roofline struct {
	ReadGBps1T  float64 `json:"read_gbps_1t"`
	ReadGBpsAll float64 `json:"read_gbps_all"`
	Threads     int     `json:"threads"`
	Bytes       int64   `json:"bytes"`
}

// Config is what the run was asked to do.
type Config struct {
	TimeNs  int64  `json:"time_ns"`
	Count   int    `json:"count"`
	Seed    uint64 `json:"seed"`
	Groups  int    `json:"groups"`
	Columns int    `json:"columns"`
}

// Result is the measurement of one kernel, element type, size and backend.
type Result struct {
	Kernel  string `json:"kernel"`
	DType   string `json:"dtype"`
	N       int64  `json:"n"`
	Groups  int    `json:"groups"`
	Columns int    `json:"columns"`
	Backend string `json:"backend"`
	Class   string `json:"class"`
	Level   string `json:"level"`
	Workers int    `json:"workers"`

	// NsPerOp is the median over the repetitions, NsMin and NsMax their
	// extremes.
	NsPerOp float64 `json:"ns_per_op"`
	NsMin   float64 `json:"ns_min"`
	NsMax   float64 `json:"ns_max"`
	// BytesPerOp is the working set of one operation, each byte counted
	// once; GBps is BytesPerOp/NsPerOp.
	BytesPerOp  int64   `json:"bytes_per_op"`
	GBps        float64 `json:"gbps"`
	ElemsPerSec float64 `json:"elems_per_sec"`
	// SpeedupVsScalar is the scalar backend's ns_per_op over this one's;
	// null when the run has no scalar row for the same input.
	SpeedupVsScalar *float64 `json:"speedup_vs_scalar"`
	// RooflineFrac is GBps over the measured read roofline (one thread or
	// all threads, by Workers); null unless the working set is DRAM-sized.
	RooflineFrac    *float64 `json:"roofline_frac"`
	AllocsPerOp     float64  `json:"allocs_per_op"`
	AllocBytesPerOp float64  `json:"alloc_bytes_per_op"`

	// Size is the named size (l1, l2, llc, dram) or "" for an explicit one.
	Size string `json:"size"`
	// MemLevel is the smallest cache level that holds the working set of
	// all the rotated copies: l1, l2, llc or dram.
	MemLevel string `json:"mem_level"`
	// Inputs is the number of copies the measurement rotated through.
	Inputs int `json:"inputs"`
	// ElemsPerCycle is ElemsPerSec over the estimated clock
	// (machine.clock_ghz_est); null where no clock estimate exists.
	ElemsPerCycle *float64 `json:"elems_per_cycle"`
	// Ops is the number of operations timed, over all repetitions;
	// SamplesNs and SamplesOps are each repetition's ns/op and operations.
	Ops        int64     `json:"ops"`
	SamplesNs  []float64 `json:"samples_ns"`
	SamplesOps []int64   `json:"samples_ops"`
}
