package httpapi

import (
	"github.com/gin-gonic/gin"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// neighbourhood answers GET /api/entities/:id/neighbourhood.
func (s *Server) neighbourhood(c *gin.Context) {
	q := domain.NeighbourhoodQuery{ID: c.Param("id")}
	var err error
	if q.Depth, err = intParam(c, "depth", domain.DepthDefault, domain.DepthMin, domain.DepthMax); err != nil {
		s.problem(c, err)
		return
	}
	if q.PerNode, err = intParam(c, "per_node", domain.PerNodeDefault, 1, domain.PerNodeMax); err != nil {
		s.problem(c, err)
		return
	}
	if q.Limit, err = intParam(c, "limit", domain.NodeLimitDefault, 1, domain.NodeLimitMax); err != nil {
		s.problem(c, err)
		return
	}
	if q.Filters, err = filtersParam(c); err != nil {
		s.problem(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	n, err := s.store.Neighbourhood(ctx, q)
	if err != nil {
		s.problem(c, err)
		return
	}
	s.ok(c, n)
}

// expand answers GET /api/entities/:id/expand: one page of a node's neighbours.
func (s *Server) expand(c *gin.Context) {
	q := domain.ExpandQuery{ID: c.Param("id")}
	var err error
	if q.Type, err = nameParam(c, "type"); err != nil {
		s.problem(c, err)
		return
	}
	if q.Direction, err = oneOf(c, "direction", domain.DirectionBoth, domain.DirectionOut, domain.DirectionIn, domain.DirectionBoth); err != nil {
		s.problem(c, err)
		return
	}
	if q.Offset, err = intParam(c, "offset", 0, 0, domain.OffsetMax); err != nil {
		s.problem(c, err)
		return
	}
	if q.Limit, err = intParam(c, "limit", domain.ExpandLimitDefault, 1, domain.ExpandLimitMax); err != nil {
		s.problem(c, err)
		return
	}
	if q.Filters, err = filtersParam(c); err != nil {
		s.problem(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	e, err := s.store.Expand(ctx, q)
	if err != nil {
		s.problem(c, err)
		return
	}
	s.ok(c, e)
}
