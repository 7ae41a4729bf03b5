package output

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// syncFS flushes the filesystem holding dir: every file of a run lives under
// OUT, so this is all that must reach the disk before the renames that
// publish the run, without waiting, as sync(2) would, for every other
// filesystem's dirty data (a copy to a USB disk, another job's output).
func syncFS(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
