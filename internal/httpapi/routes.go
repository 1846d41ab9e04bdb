package httpapi

// routes registers the JSON API under /api. Every route here must also be described in
// openapi.json; a test walks the router and fails on any that is not. The query
// parameters openapi.json lists for a route are the ones it accepts (queryparams.go).
func (s *Server) routes() {
	query, err := queryParamsOf(openAPI)
	if err != nil {
		panic(err) // the document is embedded; TestOpenAPIQueryParameters reads it too
	}
	api := s.router.Group("/api", s.limitBody(maxBodyBytes), s.checkQuery(query))
	api.GET("/search", s.search)
	api.GET("/entities/:id", s.entity)
	api.GET("/entities/:id/neighbourhood", s.neighbourhood)
	api.GET("/entities/:id/expand", s.expand)
	api.GET("/paths", s.paths)
	api.GET("/sources", s.sources)
	api.GET("/sources/:id", s.source)
	api.GET("/schema", s.schema)
	api.GET("/stats", s.stats)
	api.GET("/conflicts", s.conflicts)
	api.GET("/openapi.json", s.openapi)
	s.cypherRoutes(api)
}
