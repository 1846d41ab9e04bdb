package neo4jstore

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// Search modes reported in SearchResult.Mode.
const (
	SearchFulltext = "fulltext"
	SearchContains = "contains"
)

// Search ranks nodes whose name or aliases match q.Text, tolerant of case, accents,
// small typos and unfinished last words. It uses the entity_names full-text index and,
// on a database without it, falls back to a substring match over the properties a
// display name is chosen from (search_contains.cypher). It returns EInvalid when the
// index is there and the text has no letter or digit, the only characters it matches.
// A hit carries only what the answer shows of a node (searchKeys), never its other
// properties: the page's autocomplete asks on every key typed, and with a 200 KB body
// on each node eight hits were 1.6 MB.
func (s *Store) Search(ctx context.Context, q domain.SearchQuery) (domain.SearchResult, error) {
	out := domain.SearchResult{Query: q.Text, Limit: q.Limit, Offset: q.Offset, Mode: SearchFulltext, Results: []domain.SearchHit{}}
	unkeyed, err := s.unkeyedLabels(ctx)
	if err != nil {
		return out, err
	}
	text := strings.Join(strings.Fields(q.Text), " ")
	res, err := s.searchFulltext(ctx, text, q)
	if errors.Is(err, errNoSearchIndex) {
		out.Mode = SearchContains
		p := map[string]any{"text": text, "keys": searchKeys, "offset": q.Offset, "limit": q.Limit}
		res, err = s.read(ctx, cypher.Query("search_contains"), p)
	}
	if err != nil {
		return out, err
	}
	rec := res.Records[0]
	total, _ := rec.Get("total")
	out.Total = int64Of(total)
	conv := converter{preview: true, unkeyed: unkeyed}
	for _, v := range anyList(rec, "page") {
		hit, _ := v.(map[string]any)
		score, _ := hit["score"].(float64)
		out.Results = append(out.Results, domain.SearchHit{Node: conv.node(searchHitNode(hit)), Score: score})
	}
	return out, nil
}

// errNoSearchIndex says that the database lacks the full-text index, so a search takes
// the substring fallback.
var errNoSearchIndex = errors.New("no full-text index entity_names")

// searchFulltext runs the full-text search, or returns errNoSearchIndex. A text without
// a letter or digit makes no Lucene query: whether that is the client's mistake (the
// index matches nothing else) or a search for the fallback (which matches "🎬") depends
// on whether the index exists, which only then is asked.
func (s *Store) searchFulltext(ctx context.Context, text string, q domain.SearchQuery) (*neo4j.EagerResult, error) {
	p := FulltextSearchParams(text, q.Offset, q.Limit)
	if p["lucene"] == "" {
		_, err := s.read(ctx, cypher.Query("search_index"), nil)
		if isMissingIndex(err) {
			return nil, errNoSearchIndex
		}
		if err != nil {
			return nil, err
		}
		return nil, &domain.Error{Code: domain.EInvalid, Message: "q must contain at least one letter or digit.", Fields: map[string]any{"parameter": "q"}}
	}
	res, err := s.read(ctx, cypher.Query("search"), p)
	if isMissingIndex(err) {
		return nil, errNoSearchIndex
	}
	return res, err
}

// FulltextSearchParams are the parameters of the full-text search query (search.cypher)
// for text, as typed, and a page. The benchmarks run the query with them too, so that
// the driver alone does what the store does.
func FulltextSearchParams(text string, offset, limit int) map[string]any {
	text = strings.Join(strings.Fields(text), " ")
	exact := strings.ToLower(text)
	return map[string]any{"lucene": LuceneQuery(text), "exact": exact, "folded": foldMarks(exact), "fold_first": foldFirst,
		"keys": searchKeys, "offset": offset, "limit": limit}
}

// foldFirst is how many of a search's best hits have their names folded for the
// whole-name bonus (search.cypher).
const foldFirst = 50

// foldMarks is text decomposed (NFD) without the combining marks U+0300-U+036F: the
// fold search_contains.cypher applies to everything, and search.cypher to names for the
// whole-name bonus (removing the common marks of that range only).
func foldMarks(text string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x300 && r <= 0x36f {
			return -1
		}
		return r
	}, norm.NFD.String(text))
}

// searchKeys are the properties a search reads of each node: the candidates of its
// display name, which the fallback matches and which name a hit as DisplayName names the
// whole node, and aliases, which both modes match and the page compares typed text to.
var searchKeys = append(slices.Clip(displayNameKeys), "aliases")

// searchHitNode rebuilds a hit's node from the search queries' projection: its element
// id, labels and the values of searchKeys, in that order (null where it has none).
func searchHitNode(hit map[string]any) dbtype.Node {
	n := dbtype.Node{ElementId: stringOf(hit["id"]), Props: map[string]any{}}
	labels, _ := hit["labels"].([]any)
	for _, l := range labels {
		n.Labels = append(n.Labels, stringOf(l))
	}
	values, _ := hit["values"].([]any)
	for i, v := range values {
		if v != nil && i < len(searchKeys) {
			n.Props[searchKeys[i]] = v
		}
	}
	return n
}

// isMissingIndex tells whether err is Neo4j saying the full-text index does not exist,
// which is what any database newsgraph did not set up answers.
func isMissingIndex(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && strings.Contains(ne.Code, "Procedure") &&
		strings.Contains(strings.ToLower(ne.Msg), "no such") && strings.Contains(ne.Msg, "entity_names")
}

// newFold returns a transformer that strips accents, so that "Núñez" and "nunez"
// search alike. A chain keeps buffers between calls, so each search needs its own: one
// shared by concurrent requests panicked and swapped one user's words for another's.
func newFold() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// LuceneQuery turns user text into a Lucene query for the full-text index: the text is
// split into words the way the index's tokenizer splits names (on anything but letters
// and digits), folded, and each word may match exactly (boosted), as a prefix (for
// autocomplete), or within an edit distance that grows with its length (for typos).
// Words are alternatives rather than requirements, so a stray word (a Lucene operator
// typed as text, a word only the description has) cannot empty the answer; names
// matching more of the words score higher, and those matching all of them higher still.
// Splitting is also the escaping: a word holds only letters and digits, so nothing the
// user types (quotes, colons, ~, *, AND/OR, which are lower-cased) reaches Lucene as
// syntax. It returns "" when the text has no word.
func LuceneQuery(text string) string {
	folded, _, err := transform.String(newFold(), strings.ToLower(text))
	if err != nil {
		folded = strings.ToLower(text)
	}
	words := strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	// all is the every-word clause's words (below).
	var clauses, all []string
	for i, w := range words {
		n := utf8.RuneCountInString(w)
		// A one-letter word before the last (the s of "Ling's", an initial) says almost
		// nothing and matches almost every name: on the 100,000-name graph its prefix
		// made a search 30-50 ms instead of 1-2. The last one stays, since it may be a
		// name being typed, but beside other words only in the every-word clause, which
		// the other words narrow.
		if n == 1 && i < len(words)-1 {
			continue
		}
		all = append(all, "+"+w+"*")
		if n == 1 && len(all) > 1 {
			continue
		}
		c := w + "^4 OR " + w + "*^2"
		switch {
		case n >= 8:
			c += " OR " + w + "~2"
		case n >= 4:
			c += " OR " + w + "~1"
		}
		clauses = append(clauses, "("+c+")")
	}
	if len(all) > 1 {
		// A name holding every word (each as a prefix, the last one typed perhaps
		// unfinished) gets a bonus: the entity boost alone put "Scale AI" above
		// "Scale AI v. Mercor" for "scale v".
		clauses = append(clauses, "("+strings.Join(all, " ")+")^8")
	}
	return strings.Join(clauses, " OR ")
}
