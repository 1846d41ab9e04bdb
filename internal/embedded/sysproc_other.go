//go:build !linux

package embedded

import "syscall"

// childAttrs puts the JVM in its own process group so that Ctrl-C reaches only newsgraph,
// which stops Neo4j in order. (Pdeathsig exists only on Linux.)
func childAttrs() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
