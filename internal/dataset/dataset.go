package dataset

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/datasets"
	"github.com/newsgraph/newsgraph/internal/domain"
)

// File is one dataset file: its name, used in problem reports, and its contents.
type File struct {
	Name string
	Data []byte
}

// Parse reads and validates files together (their facts may refer to one another's
// entities). It returns every problem in every file at once, as a domain.Error with
// code EInvalid whose message lists them as "file:line: message" lines and whose
// Fields["problems"] holds the same lines.
func Parse(files ...File) ([]domain.Dataset, error) {
	var (
		all      []*parsed
		problems []Problem
	)
	for _, f := range files {
		p, probs := parse(f.Name, f.Data)
		problems = append(problems, probs...)
		if p != nil {
			all = append(all, p)
		}
	}
	problems = append(problems, validate(all)...)
	if len(problems) > 0 {
		// In file order, then line order, whichever check found them.
		order := map[string]int{}
		for i, f := range files {
			order[f.Name] = i
		}
		sort.SliceStable(problems, func(i, j int) bool {
			a, b := problems[i], problems[j]
			if order[a.File] != order[b.File] {
				return order[a.File] < order[b.File]
			}
			return a.Line < b.Line
		})
		return nil, problemsError(problems)
	}
	out := make([]domain.Dataset, len(all))
	for i, p := range all {
		out[i] = p.ds
	}
	return out, nil
}

// ReadFiles parses and validates the dataset files at paths.
func ReadFiles(paths ...string) ([]domain.Dataset, error) {
	files := make([]File, 0, len(paths))
	for _, p := range paths {
		b, err := readFile(p)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: p, Data: b})
	}
	return Parse(files...)
}

// MaxFileBytes caps one dataset file. A load is one transaction, which Neo4j's memory
// limit refuses long before this size (a 41 MB file of 400,000 entities was), and a
// bigger file would only be read into memory to be refused.
const MaxFileBytes = 64 << 20

// readFile reads one dataset file, refusing what is no regular file before opening it:
// opening a named pipe waits for a writer, and a device (/dev/zero) never ends.
func readFile(p string) ([]byte, error) {
	cannot := func(reason any, err error) error {
		return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("cannot read dataset %s: %v", p, reason), Err: err}
	}
	info, err := os.Stat(p)
	if err == nil {
		switch {
		case info.IsDir():
			return nil, cannot("is a directory", nil)
		case !info.Mode().IsRegular():
			return nil, cannot("is not a regular file (a pipe, socket or device)", nil)
		case info.Size() > MaxFileBytes:
			return nil, cannot(fmt.Sprintf("it holds %d MB, more than the %d MB one file may; split it into files of at most that and load them one by one",
				(info.Size()+1<<20-1)>>20, MaxFileBytes>>20), nil)
		}
	}
	b, err := os.ReadFile(p)
	if err != nil {
		// The reason (no such file, no permission) is what to fix; the message is all
		// `newsgraph load` prints.
		reason := error(err)
		var pe *fs.PathError
		if errors.As(err, &pe) {
			reason = pe.Err
		}
		return nil, cannot(reason, err)
	}
	return b, nil
}

// Builtin parses the datasets embedded in the binary (the datasets/ directory).
func Builtin() ([]domain.Dataset, error) {
	files, err := builtinFiles(datasets.FS)
	if err != nil {
		return nil, err
	}
	return Parse(files...)
}

func builtinFiles(fsys fs.FS) ([]File, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, &domain.Error{Code: domain.EInternal, Message: "cannot list the built-in datasets", Err: err}
	}
	files := make([]File, 0, len(names))
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, &domain.Error{Code: domain.EInternal, Message: "cannot read a built-in dataset", Err: err}
		}
		files = append(files, File{Name: path.Join("datasets", n), Data: b})
	}
	return files, nil
}

func problemsError(problems []Problem) error {
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.String()
	}
	noun := "problems"
	if len(lines) == 1 {
		noun = "problem"
	}
	return &domain.Error{
		Code:    domain.EInvalid,
		Message: fmt.Sprintf("the dataset has %d %s; nothing was loaded:\n%s", len(lines), noun, strings.Join(lines, "\n")),
		Fields:  map[string]any{"problems": lines},
	}
}

// Problems returns the "file:line: message" lines of an error returned by Parse, or
// nil when err is not a validation failure.
func Problems(err error) []string {
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.EInvalid {
		return nil
	}
	lines, _ := e.Fields["problems"].([]string)
	return lines
}
