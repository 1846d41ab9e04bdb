package httpapi

// routes registers the JSON API under /api. Every route here must also be described in
// openapi.json; a test walks the router and fails on any that is not.
func (s *Server) routes() {
	api := s.router.Group("/api", s.limitBody(maxBodyBytes))
	api.GET("/entities/:id/neighbourhood", s.neighbourhood)
	api.GET("/entities/:id/expand", s.expand)
}
