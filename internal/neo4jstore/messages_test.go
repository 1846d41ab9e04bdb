package neo4jstore

import "testing"

func TestWithoutJavaClasses(t *testing.T) {
	for in, want := range map[string]string{
		"Caused by: java.lang.IllegalArgumentException: Bad value":                         "Bad value",
		"Could not create analyzer org.neo4j.graphdb.schema.AnalyzerProvider[nonexistent]": "Could not create analyzer AnalyzerProvider[nonexistent]",
		"Cannot parse: org.apache.lucene.queryparser.classic.ParseException-like text":     "Cannot parse: ParseException-like text",
		"Expected java.time.Duration but got Long(1)":                                      "Expected Duration but got Long(1)",
		"Nothing Java here: 3.5 people named org.example and e.g. a.b":                     "Nothing Java here: 3.5 people named org.example and e.g. a.b",
	} {
		if got := withoutJavaClasses(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}
