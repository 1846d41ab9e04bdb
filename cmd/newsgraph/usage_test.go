package main_test

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// TestCommandsPrintTheirUsage: `newsgraph COMMAND -h` prints the same kind of usage
// line for every command, then its flags, and exits 0 (serve printed Go's default
// "Usage of serve:").
func TestCommandsPrintTheirUsage(t *testing.T) {
	for _, command := range []string{"serve", "load", "neo4j", "generate"} {
		cmd := exec.Command(newsgraph(t), command, "-h")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Errorf("%s -h: %v", command, err)
		}
		if out := stderr.String(); !strings.HasPrefix(out, "usage: newsgraph "+command+" [flags]") || !strings.Contains(out, "\n  -") {
			t.Errorf("%s -h printed:\n%s", command, out)
		}
	}
}
