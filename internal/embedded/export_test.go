package embedded

// Crash kills the supervised database process as an OutOfMemoryError exit would end
// it: without a shutdown, and without the supervisor asking.
func Crash(s *Supervisor) {
	s.mu.Lock()
	inst := s.current
	s.mu.Unlock()
	_ = inst.cmd.Process.Kill()
	<-inst.Exited()
}
