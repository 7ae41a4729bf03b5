// Package bigtable allocates large, long-lived tables of plain numbers
// (the entity model's weight rows) outside the Go heap, backed by
// transparent huge pages where the kernel allows them.
//
// Why: a fresh 4 KB page costs a page fault on first touch, measured at
// about 12 µs on the 2-core VMs sitrep is benchmarked on (3 ms per MB). The
// model's 32 MB of weight rows cost 100 ms of start-up that way; with 2 MB
// pages (madvise(MADV_HUGEPAGE)) they cost 2-50 ms. The Go runtime asks for
// no huge pages itself since Go 1.21.1 (golang/go#61718, #63334), so a
// table asks for them.
package bigtable

import (
	"runtime"
	"sync/atomic"
)

// mapped counts the bytes of the tables mapped now.
var mapped atomic.Int64

// Mapped returns the bytes the tables hold outside the Go heap: a memory
// limit for the heap (debug.SetMemoryLimit) leaves them out, so the process
// would exceed it by this much.
func Mapped() int64 { return mapped.Load() }

// minHuge is the smallest table worth a mapping of its own: below a few
// huge pages the heap does as well.
const minHuge = 8 << 20

// Floats returns a zeroed slice of n float32 that stays valid while owner
// is reachable: when owner becomes unreachable the memory is returned to
// the system, so the slice must not be kept beyond owner (keep it in a
// field of owner). Small tables, and systems without anonymous mappings,
// get an ordinary heap slice.
func Floats[T any](owner *T, n int) []float32 {
	if n*4 < minHuge {
		return make([]float32, n)
	}
	f, release, ok := mapFloats(n)
	if !ok {
		return make([]float32, n)
	}
	runtime.AddCleanup(owner, func(release func()) { release() }, release)
	return f
}
