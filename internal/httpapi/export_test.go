package httpapi

import "github.com/gin-gonic/gin"

// Engine exposes the router to the tests, which add routes (one that panics) to it.
func (s *Server) Engine() *gin.Engine { return s.router }
