package httpapi

// routes registers the JSON API under /api.
func (s *Server) routes() {
	api := s.router.Group("/api")
	_ = api
}
