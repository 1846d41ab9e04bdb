//go:build !linux

package config

// physicalMemory is unknown here (0), and the sizes are left to Java to check.
func physicalMemory() int64 { return 0 }
