package embedded

import "syscall"

// childAttrs puts the JVM in its own process group, so a terminal's Ctrl-C reaches only
// newsgraph, which then stops Neo4j in order; and asks the kernel to SIGTERM the JVM if
// newsgraph dies without doing so, so no orphan is left behind.
func childAttrs() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
