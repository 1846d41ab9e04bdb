package domain

import "github.com/newsgraph/newsgraph/internal/jsonenc"

// The AppendJSON methods write the graph answers exactly as encoding/json writes them
// from the struct tags (TestAppendJSONMatchesEncodingJSON checks every field, set and
// unset), without reflection and in one pass: these answers are the API's hot path and
// grow to hundreds of kilobytes. Properties are already JSON (json.RawMessage made by
// the store's one value converter) and are copied as they are.

// AppendJSON appends the node as JSON.
func (n Node) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"id":`...)
	dst = jsonenc.String(dst, n.ID)
	dst = appendOmitEmpty(dst, `,"key":`, n.Key)
	dst = append(dst, `,"labels":`...)
	dst = jsonenc.Strings(dst, n.Labels)
	dst = append(dst, `,"name":`...)
	dst = jsonenc.String(dst, n.Name)
	dst = append(dst, `,"properties":`...)
	dst = appendRaw(dst, n.Properties)
	return append(dst, '}')
}

// AppendJSON appends the relationship as JSON.
func (r Relationship) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"id":`...)
	dst = jsonenc.String(dst, r.ID)
	dst = appendOmitEmpty(dst, `,"key":`, r.Key)
	dst = append(dst, `,"type":`...)
	dst = jsonenc.String(dst, r.Type)
	dst = append(dst, `,"start":`...)
	dst = jsonenc.String(dst, r.Start)
	dst = append(dst, `,"end":`...)
	dst = jsonenc.String(dst, r.End)
	dst = appendOmitEmpty(dst, `,"status":`, r.Status)
	if len(r.Evidence) > 0 {
		dst = append(dst, `,"evidence":`...)
		dst = appendList(dst, r.Evidence)
	}
	dst = append(dst, `,"properties":`...)
	dst = appendRaw(dst, r.Properties)
	return append(dst, '}')
}

// AppendJSON appends the evidence as JSON.
func (e Evidence) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"source":`...)
	dst = jsonenc.String(dst, e.SourceKey)
	dst = appendOmitEmpty(dst, `,"title":`, e.SourceTitle)
	dst = appendOmitEmpty(dst, `,"note":`, e.Note)
	return append(dst, '}')
}

// AppendJSON appends the omission as JSON.
func (o Omission) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"node":`...)
	dst = jsonenc.String(dst, o.NodeID)
	dst = append(dst, `,"type":`...)
	dst = jsonenc.String(dst, o.Type)
	dst = append(dst, `,"direction":`...)
	dst = jsonenc.String(dst, o.Direction)
	dst = append(dst, `,"count":`...)
	dst = jsonenc.Int(dst, o.Count)
	dst = append(dst, `,"shown":`...)
	dst = jsonenc.Int(dst, o.Shown)
	dst = append(dst, `,"total":`...)
	dst = jsonenc.Int(dst, o.Total)
	if o.UpperBound {
		dst = append(dst, `,"upper_bound":true`...)
	}
	return append(dst, '}')
}

// AppendJSON appends the graph as JSON.
func (g Graph) AppendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	dst = g.appendFields(dst)
	return append(dst, '}')
}

// appendFields writes the graph's fields without braces, for the answers that embed it.
func (g Graph) appendFields(dst []byte) []byte {
	dst = append(dst, `"nodes":`...)
	dst = appendList(dst, g.Nodes)
	dst = append(dst, `,"relationships":`...)
	dst = appendList(dst, g.Relationships)
	if len(g.Omitted) > 0 {
		dst = append(dst, `,"omitted":`...)
		dst = appendList(dst, g.Omitted)
	}
	dst = append(dst, `,"truncated":`...)
	return jsonenc.Bool(dst, g.Truncated)
}

// AppendJSON appends the neighbourhood as JSON.
func (n Neighbourhood) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"focus":`...)
	dst = jsonenc.String(dst, n.Focus)
	dst = append(dst, ',')
	dst = n.Graph.appendFields(dst)
	return append(dst, '}')
}

// AppendJSON appends the expansion as JSON.
func (e Expansion) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"focus":`...)
	dst = jsonenc.String(dst, e.Focus)
	dst = append(dst, `,"total":`...)
	dst = jsonenc.Int(dst, e.Total)
	dst = append(dst, `,"offset":`...)
	dst = jsonenc.Int(dst, int64(e.Offset))
	dst = append(dst, `,"limit":`...)
	dst = jsonenc.Int(dst, int64(e.Limit))
	dst = append(dst, ',')
	dst = e.Graph.appendFields(dst)
	return append(dst, '}')
}

// AppendJSON appends the path as JSON.
func (p Path) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"nodes":`...)
	dst = jsonenc.Strings(dst, p.Nodes)
	dst = append(dst, `,"relationships":`...)
	dst = jsonenc.Strings(dst, p.Relationships)
	return append(dst, '}')
}

// AppendJSON appends the paths as JSON.
func (p Paths) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"paths":`...)
	dst = appendList(dst, p.Paths)
	dst = append(dst, `,"graph":`...)
	dst = p.Graph.AppendJSON(dst)
	return append(dst, '}')
}

// AppendJSON appends the search hit as JSON.
func (h SearchHit) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"node":`...)
	dst = h.Node.AppendJSON(dst)
	dst = append(dst, `,"score":`...)
	dst = jsonenc.Float(dst, h.Score)
	return append(dst, '}')
}

// AppendJSON appends the search result as JSON.
func (r SearchResult) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"query":`...)
	dst = jsonenc.String(dst, r.Query)
	dst = append(dst, `,"limit":`...)
	dst = jsonenc.Int(dst, int64(r.Limit))
	dst = append(dst, `,"offset":`...)
	dst = jsonenc.Int(dst, int64(r.Offset))
	dst = append(dst, `,"total":`...)
	dst = jsonenc.Int(dst, r.Total)
	dst = append(dst, `,"mode":`...)
	dst = jsonenc.String(dst, r.Mode)
	dst = append(dst, `,"results":`...)
	dst = appendList(dst, r.Results)
	return append(dst, '}')
}

// AppendJSON appends the count as JSON.
func (c RelationshipCount) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"type":`...)
	dst = jsonenc.String(dst, c.Type)
	dst = append(dst, `,"direction":`...)
	dst = jsonenc.String(dst, c.Direction)
	dst = append(dst, `,"count":`...)
	dst = jsonenc.Int(dst, c.Count)
	return append(dst, '}')
}

// AppendJSON appends the fact as JSON.
func (f EntityFact) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"relationship":`...)
	dst = f.Relationship.AppendJSON(dst)
	dst = append(dst, `,"other":`...)
	dst = f.Other.AppendJSON(dst)
	return append(dst, '}')
}

// AppendJSON appends the conflict reference as JSON.
func (c ConflictRef) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"id":`...)
	dst = jsonenc.String(dst, c.ID)
	dst = append(dst, `,"name":`...)
	dst = jsonenc.String(dst, c.Name)
	return append(dst, '}')
}

// AppendJSON appends the source as JSON.
func (s Source) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"id":`...)
	dst = jsonenc.String(dst, s.ID)
	dst = appendOmitEmpty(dst, `,"key":`, s.Key)
	dst = append(dst, `,"name":`...)
	dst = jsonenc.String(dst, s.Name)
	dst = appendOmitEmpty(dst, `,"title":`, s.Title)
	dst = appendOmitEmpty(dst, `,"kind":`, s.Kind)
	dst = appendOmitEmpty(dst, `,"publisher":`, s.Publisher)
	dst = appendOmitEmpty(dst, `,"file":`, s.File)
	dst = append(dst, `,"properties":`...)
	dst = appendRaw(dst, s.Properties)
	return append(dst, '}')
}

// AppendJSON appends the entity's details as JSON.
func (d EntityDetail) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"node":`...)
	dst = d.Node.AppendJSON(dst)
	dst = append(dst, `,"counts":`...)
	dst = appendList(dst, d.Counts)
	dst = append(dst, `,"facts":`...)
	dst = appendList(dst, d.Facts)
	dst = append(dst, `,"sources":`...)
	dst = appendList(dst, d.Sources)
	dst = append(dst, `,"conflicts":`...)
	dst = appendList(dst, d.Conflicts)
	dst = append(dst, `,"facts_truncated":`...)
	dst = jsonenc.Bool(dst, d.FactsTruncated)
	return append(dst, '}')
}

// AppendJSON appends the source's details as JSON.
func (d SourceDetail) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"source":`...)
	dst = d.Source.AppendJSON(dst)
	dst = append(dst, `,"graph":`...)
	dst = d.Graph.AppendJSON(dst)
	return append(dst, '}')
}

// appendList writes a slice of values that append themselves; nil is null, as
// encoding/json writes a nil slice.
func appendList[T interface{ AppendJSON([]byte) []byte }](dst []byte, list []T) []byte {
	return jsonenc.List(dst, list, func(dst []byte, v T) []byte { return v.AppendJSON(dst) })
}

// appendOmitEmpty writes field (`,"name":`) and s, or nothing when s is empty: a
// string field tagged omitempty.
func appendOmitEmpty(dst []byte, field, s string) []byte {
	if s == "" {
		return dst
	}
	dst = append(dst, field...)
	return jsonenc.String(dst, s)
}

// appendRaw copies JSON the store already wrote; nothing is null.
func appendRaw(dst, raw []byte) []byte {
	if raw == nil {
		return append(dst, "null"...)
	}
	return append(dst, raw...)
}
