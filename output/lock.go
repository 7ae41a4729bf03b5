package output

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// LockName is the lock file inside OUT held by the one writer.
const LockName = ".lock"

// ErrLocked means another process is writing to the output folder.
var ErrLocked = errors.New("output folder is locked")

// LockInfo says who holds a lock.
type LockInfo struct {
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
	Host    string    `json:"host"`
	Command string    `json:"command"`
}

// Lock is an exclusive advisory lock (flock) on OUT/.lock. The kernel
// releases it when its process dies, so a lock left by a killed run is
// simply taken over by the next one.
type Lock struct{ f *os.File }

// AcquireLock takes the lock or fails at once, naming the holder.
func AcquireLock(dir string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	p := filepath.Join(dir, LockName)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		var holder LockInfo
		raw, _ := os.ReadFile(p)
		if json.Unmarshal(raw, &holder) == nil && holder.PID != 0 {
			return nil, fmt.Errorf("%w: %s is being written by pid %d on %s (%s), started %s", ErrLocked, dir,
				holder.PID, holder.Host, holder.Command, holder.Started.Format(time.RFC3339))
		}
		return nil, fmt.Errorf("%w: %s is being written by another process", ErrLocked, dir)
	}
	host, _ := os.Hostname()
	info, _ := json.Marshal(LockInfo{PID: os.Getpid(), Started: time.Now().UTC(), Host: host, Command: strings.Join(os.Args, " ")})
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt(append(info, '\n'), 0)
	}
	return &Lock{f: f}, nil
}

// Release drops the lock.
func (l *Lock) Release() {
	if l == nil || l.f == nil {
		return
	}
	_ = syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	_ = l.f.Close()
	l.f = nil
}
