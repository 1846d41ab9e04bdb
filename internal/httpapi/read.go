package httpapi

import (
	"github.com/gin-gonic/gin"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// sourcesLimitMax caps one page of GET /api/sources.
const sourcesLimitMax = 1000

// search answers GET /api/search.
func (s *Server) search(c *gin.Context) {
	q := domain.SearchQuery{}
	var err error
	if q.Text, err = textParam(c, "q", domain.SearchTextMax); err != nil {
		s.problem(c, err)
		return
	}
	if q.Limit, err = intParam(c, "limit", domain.SearchLimitDefault, 1, domain.SearchLimitMax); err != nil {
		s.problem(c, err)
		return
	}
	if q.Offset, err = intParam(c, "offset", 0, 0, domain.SearchOffsetMax); err != nil {
		s.problem(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	res, err := s.store.Search(ctx, q)
	if err != nil {
		s.problem(c, err)
		return
	}
	s.ok(c, res)
}

// entity answers GET /api/entities/:id.
func (s *Server) entity(c *gin.Context) {
	factsLimit, err := intParam(c, "facts_limit", domain.EntityFactsDefault, 0, domain.EntityFactsMax)
	if err != nil {
		s.problem(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	e, err := s.store.Entity(ctx, c.Param("id"), factsLimit)
	if err != nil {
		s.problem(c, err)
		return
	}
	s.ok(c, e)
}

// paths answers GET /api/paths.
func (s *Server) paths(c *gin.Context) {
	q := domain.PathQuery{}
	var err error
	if q.From, err = requiredParam(c, "from"); err != nil {
		s.problem(c, err)
		return
	}
	if q.To, err = requiredParam(c, "to"); err != nil {
		s.problem(c, err)
		return
	}
	if q.MaxLength, err = intParam(c, "max_length", domain.PathLengthDefault, 1, domain.PathLengthMax); err != nil {
		s.problem(c, err)
		return
	}
	if q.Mode, err = oneOf(c, "mode", domain.PathsShortest, domain.PathsShortest, domain.PathsAllShortest); err != nil {
		s.problem(c, err)
		return
	}
	if q.EstablishedOnly, err = boolParam(c, "established_only"); err != nil {
		s.problem(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	p, err := s.store.Paths(ctx, q)
	if err != nil {
		s.problem(c, err)
		return
	}
	s.ok(c, p)
}

// sources answers GET /api/sources.
func (s *Server) sources(c *gin.Context) {
	limit, err := intParam(c, "limit", sourcesLimitMax, 1, sourcesLimitMax)
	if err != nil {
		s.problem(c, err)
		return
	}
	offset, err := intParam(c, "offset", 0, 0, domain.OffsetMax)
	if err != nil {
		s.problem(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, total, err := s.store.Sources(ctx, offset, limit)
	if err != nil {
		s.problem(c, err)
		return
	}
	s.ok(c, gin.H{"sources": list, "total": total, "offset": offset, "limit": limit})
}

// source answers GET /api/sources/:id.
func (s *Server) source(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	src, err := s.store.Source(ctx, c.Param("id"))
	if err != nil {
		s.problem(c, err)
		return
	}
	s.ok(c, src)
}

// schema answers GET /api/schema.
func (s *Server) schema(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	sc, err := s.store.Schema(ctx)
	if err != nil {
		s.problem(c, err)
		return
	}
	s.ok(c, sc)
}

// stats answers GET /api/stats.
func (s *Server) stats(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	st, err := s.store.Stats(ctx)
	if err != nil {
		s.problem(c, err)
		return
	}
	s.ok(c, st)
}

// conflicts answers GET /api/conflicts: every point the sources disagree on, each
// source's side with the facts it reports.
func (s *Server) conflicts(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, err := s.store.Conflicts(ctx)
	if err != nil {
		s.problem(c, err)
		return
	}
	s.ok(c, gin.H{"conflicts": list})
}
