package entities

import (
	"runtime"
	"syscall"
	"unsafe"
)

// allocWeights returns n zeroed float32s for a loaded model's weight table.
// On Linux the table gets its own mapping with transparent huge pages
// advised: scoring a word looks up some 30 rows scattered over a table of
// tens of megabytes, and with 4 KB pages nearly every lookup also misses
// the TLB. The mapping is released when owner is collected.
func allocWeights(owner *Model, n int) []float32 {
	size := n * 4
	b, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]float32, n)
	}
	_ = syscall.Madvise(b, 14) // MADV_HUGEPAGE; without THP support this is a no-op
	runtime.AddCleanup(owner, func(b []byte) { _ = syscall.Munmap(b) }, b)
	return unsafe.Slice((*float32)(unsafe.Pointer(&b[0])), n)
}
