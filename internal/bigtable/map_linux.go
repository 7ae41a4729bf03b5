//go:build linux

package bigtable

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

const hugePage = 2 << 20

// mapFloats maps n zeroed float32 in anonymous memory, aligned to a huge
// page so that the kernel can back all of it with huge pages.
func mapFloats(n int) (f []float32, release func(), ok bool) {
	size := (n*4 + hugePage - 1) &^ (hugePage - 1)
	mem, err := unix.Mmap(-1, 0, size+hugePage, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		return nil, nil, false
	}
	skip := int(-uintptr(unsafe.Pointer(unsafe.SliceData(mem))) & (hugePage - 1))
	table := mem[skip : skip+size]
	// Advice only: where THP is off the table works the same, with small pages.
	_ = unix.Madvise(table, unix.MADV_HUGEPAGE)
	f = unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(table))), n)
	mapped.Add(int64(len(mem)))
	return f, func() {
		if unix.Munmap(mem) == nil {
			mapped.Add(-int64(len(mem)))
		}
	}, true
}
