package bigtable

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
	"unsafe"
)

func TestFloats(t *testing.T) {
	for _, n := range []int{0, 1, 1000, minHuge/4 - 1, minHuge / 4, minHuge/4 + 12345} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			owner := new(int)
			f := Floats(owner, n)
			if len(f) != n {
				t.Fatalf("len %d, want %d", len(f), n)
			}
			for i := 0; i < n; i += 1021 {
				if f[i] != 0 {
					t.Fatalf("f[%d] = %v, want 0", i, f[i])
				}
				f[i] = float32(i)
			}
			if n > 0 {
				f[n-1] = -1
			}
			for i := 0; i < n-1; i += 1021 {
				if f[i] != float32(i) {
					t.Fatalf("f[%d] = %v after writing %d", i, f[i], i)
				}
			}
			runtime.KeepAlive(owner)
		})
	}
}

// TestReleased checks that a large table is a mapping of its own, aligned
// to a huge page and advised for huge pages, and that it is unmapped once
// its owner is collected.
func TestReleased(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("mapped tables are Linux-only; elsewhere Floats is make")
	}
	before := Mapped() // tables of other tests may still be mapped
	owner := new([16]byte)
	f := Floats(owner, minHuge/4+1)
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(f)))
	if addr%hugePage != 0 {
		t.Errorf("table at %#x, not aligned to a huge page", addr)
	}
	if !tableMapped(t, addr) {
		t.Fatalf("table at %#x is in no mapping advised for huge pages (/proc/self/smaps)", addr)
	}
	if m := Mapped(); m < before+int64(len(f))*4 {
		t.Errorf("Mapped() = %d with a table of %d bytes (%d before)", m, len(f)*4, before)
	}
	f = nil
	owner = nil
	for range 50 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		if !tableMapped(t, addr) {
			if m := Mapped(); m > before {
				t.Errorf("Mapped() = %d after the table was released (%d before it)", m, before)
			}
			return
		}
	}
	t.Fatalf("table at %#x still mapped after its owner was collected", addr)
}

// tableMapped says whether addr lies in a mapping advised for huge pages
// (VmFlags "hg"): a table's, since the Go heap asks for none.
func tableMapped(t *testing.T, addr uintptr) bool {
	t.Helper()
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	in := false
	for _, l := range strings.Split(string(b), "\n") {
		var lo, hi uintptr
		if _, err := fmt.Sscanf(l, "%x-%x ", &lo, &hi); err == nil {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(l, "VmFlags:") {
			return strings.Contains(l+" ", " hg ")
		}
	}
	return false
}
