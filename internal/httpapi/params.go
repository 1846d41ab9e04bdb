package httpapi

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/newsgraph/newsgraph/internal/domain"
)

// intParam reads an optional integer query parameter and checks it against [min, max],
// so that every range error names the parameter and the allowed range the same way.
func intParam(c *gin.Context, name string, def, min, max int) (int, error) {
	raw, ok := c.GetQuery(name)
	if !ok || raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < min || n > max {
		return 0, &domain.Error{Code: domain.EInvalid,
			Message: fmt.Sprintf("%s must be an integer from %d to %d, got %q.", name, min, max, shown(raw)),
			Fields:  map[string]any{"parameter": name, "value": shown(raw), "min": min, "max": max}}
	}
	return n, nil
}

// maxListValues bounds a list parameter: no filter needs more, and reading one is then
// cheap whatever a URL of a megabyte holds.
const maxListValues = 100

// listParam reads a list parameter: each of its values, and it may repeat
// (types=A&types=B), holds names as splitNames reads them. The list has no repeats
// and keeps the order given.
func listParam(c *gin.Context, name string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, raw := range c.QueryArray(name) {
		names, err := splitNames(name, raw)
		if err != nil {
			return nil, err
		}
		for _, v := range names {
			if seen[v] {
				continue
			}
			if len(out) == maxListValues {
				return nil, &domain.Error{Code: domain.EInvalid,
					Message: fmt.Sprintf("%s may list at most %d values.", name, maxListValues),
					Fields:  map[string]any{"parameter": name, "max_items": maxListValues}}
			}
			seen[v] = true
			out = append(out, v)
		}
	}
	return out, nil
}

// nameParam reads a parameter naming one label or relationship type, written as one
// name of a list (splitNames); absent, it is "". Two names, or text that names none
// (",") are refused: either would quietly page through nothing, or through every type.
func nameParam(c *gin.Context, param string) (string, error) {
	value := c.Query(param)
	names, err := splitNames(param, value)
	switch {
	case err != nil:
		return "", err
	case len(names) > 1:
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = quoteName(n)
		}
		return "", &domain.Error{Code: domain.EInvalid,
			Message: fmt.Sprintf("%s takes one relationship type, got %d: %s; filter by several with types, "+
				"or quote a type whose name holds a comma in backticks: %s.",
				param, len(names), shown(strings.Join(quoted, ", ")), shown(quoteName(value))),
			Fields: map[string]any{"parameter": param, "value": shown(value)}}
	case len(names) == 0 && strings.TrimSpace(value) != "":
		return "", &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("%s names no relationship type: %q.", param, shown(value)),
			Fields: map[string]any{"parameter": param, "value": shown(value)}}
	case len(names) == 0:
		return "", nil
	}
	return names[0], nil
}

// splitNames reads one value of parameter param as comma-separated names of labels,
// relationship types or statuses. A name is bare, taken with the spaces around it
// trimmed (types=A, B), or quoted in backticks as Cypher quotes a name, taken verbatim
// with a backtick inside written twice (`WORKS,WITH`, ` PADDED `). Neo4j allows any
// text in a name, a comma or an edge space included, which the bare form, kept for the
// lists clients already send, cannot hold. A bare name holding a backtick is refused
// rather than guessed at. Empty names are left out (types=A,,B).
func splitNames(param, value string) ([]string, error) {
	invalid := func(format string, args ...any) error {
		return &domain.Error{Code: domain.EInvalid,
			Message: fmt.Sprintf("%s: %s", param, fmt.Sprintf(format, args...)),
			Fields:  map[string]any{"parameter": param, "value": shown(value)}}
	}
	var names []string
	for rest := value; ; {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		var name string
		if quoted, ok := strings.CutPrefix(rest, "`"); ok {
			var b strings.Builder
			for {
				i := strings.IndexByte(quoted, '`')
				if i < 0 {
					return nil, invalid("the name quoted from %q has no closing backtick (a backtick inside a quoted name is written twice).", shown("`"+quoted))
				}
				b.WriteString(quoted[:i])
				quoted = quoted[i+1:]
				if !strings.HasPrefix(quoted, "`") {
					break
				}
				b.WriteByte('`')
				quoted = quoted[1:]
			}
			name = b.String()
			if name == "" {
				return nil, invalid("a quoted name is empty (``); Neo4j has no name without characters.")
			}
			rest = strings.TrimLeftFunc(quoted, unicode.IsSpace)
			if rest != "" && rest[0] != ',' {
				return nil, invalid("a comma must follow the quoted name %s, got %q.", shown(quoteName(name)), shown(rest))
			}
		} else {
			bare, _, _ := strings.Cut(rest, ",")
			rest = rest[len(bare):]
			if name = strings.TrimSpace(bare); strings.Contains(name, "`") {
				return nil, invalid("the name %q holds a backtick: quote it in backticks, the backtick doubled: %s.", shown(name), shown(quoteName(name)))
			}
		}
		if name != "" {
			names = append(names, name)
		}
		if rest == "" {
			return names, nil
		}
		rest = rest[1:] // the comma
	}
}

// quoteName writes name as splitNames reads it back: bare when it can be, else in
// backticks, for the hints of error messages.
func quoteName(name string) string {
	if name != "" && name == strings.TrimSpace(name) && !strings.ContainsAny(name, ",`") {
		return name
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// oneOf reads an optional parameter that must be one of allowed.
func oneOf(c *gin.Context, name, def string, allowed ...string) (string, error) {
	v := c.Query(name)
	if v == "" {
		return def, nil
	}
	if !slices.Contains(allowed, v) {
		return "", &domain.Error{Code: domain.EInvalid,
			Message: fmt.Sprintf("%s must be one of %s, got %q.", name, strings.Join(allowed, ", "), shown(v)),
			Fields:  map[string]any{"parameter": name, "value": shown(v), "allowed": allowed}}
	}
	return v, nil
}

// boolParam reads an optional true/false parameter.
func boolParam(c *gin.Context, name string) (bool, error) {
	v, err := oneOf(c, name, "false", "true", "false")
	return v == "true", err
}

var isoDate = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

// isCalendarDate reports whether a YYYY-MM-DD date exists (no 30 February); shorter
// forms pass, the pattern having checked their month.
func isCalendarDate(v string) bool {
	if len(v) < len("2006-01-02") {
		return true
	}
	_, err := time.Parse("2006-01-02", v)
	return err == nil
}

// filtersParam reads the relationship filters neighbourhood and expand share.
func filtersParam(c *gin.Context) (domain.Filters, error) {
	f := domain.Filters{Source: c.Query("source"), From: c.Query("from"), To: c.Query("to")}
	for _, l := range []struct {
		name string
		dst  *[]string
	}{{"types", &f.Types}, {"labels", &f.Labels}, {"status", &f.Status}} {
		var err error
		if *l.dst, err = listParam(c, l.name); err != nil {
			return f, err
		}
	}
	for _, st := range f.Status {
		if !slices.Contains(domain.Statuses, st) {
			return f, &domain.Error{Code: domain.EInvalid,
				Message: fmt.Sprintf("status must list values from %s, got %q.", strings.Join(domain.Statuses, ", "), shown(st)),
				Fields:  map[string]any{"parameter": "status", "value": shown(st), "allowed": domain.Statuses}}
		}
	}
	for name, v := range map[string]string{"from": f.From, "to": f.To} {
		if v != "" && (!isoDate.MatchString(v) || !isCalendarDate(v)) {
			return f, &domain.Error{Code: domain.EInvalid,
				Message: fmt.Sprintf("%s must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got %q.", name, shown(v)),
				Fields:  map[string]any{"parameter": name, "value": shown(v)}}
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To && !strings.HasPrefix(f.From, f.To) {
		return f, &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("from (%s) is after to (%s).", f.From, f.To),
			Fields: map[string]any{"parameter": "from", "value": f.From}}
	}
	return f, nil
}

// textParam reads a parameter that must be present and at most max characters long.
func textParam(c *gin.Context, name string, max int) (string, error) {
	v, err := requiredParam(c, name)
	if err == nil && utf8.RuneCountInString(v) > max {
		err = &domain.Error{Code: domain.EInvalid,
			Message: fmt.Sprintf("%s must be at most %d characters long, got %d.", name, max, utf8.RuneCountInString(v)),
			Fields:  map[string]any{"parameter": name, "max_length": max}}
	}
	return v, err
}

// requiredParam reads a parameter that must be present.
func requiredParam(c *gin.Context, name string) (string, error) {
	v := strings.TrimSpace(c.Query(name))
	if v == "" {
		return "", &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("%s is required.", name),
			Fields: map[string]any{"parameter": name}}
	}
	return v, nil
}
