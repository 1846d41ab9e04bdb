//go:build unix

package embedded

import (
	"os"
	"syscall"
)

// storeLocked reports whether a process holds Neo4j's lock on the store at path (its
// store_lock file, which Neo4j locks with fcntl for as long as it has the store open).
// A file that cannot be read counts as unlocked.
func storeLocked(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	lock := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: 0, Len: 0}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_GETLK, &lock); err != nil {
		return false
	}
	return lock.Type != syscall.F_UNLCK
}
