package dataset

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

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
	return parseAll(context.Background(), files, nil, nil, nil)
}

// parseAll parses and validates files; names lists every file given, in order, those
// that could not be read too, whose problems are in unread. prog, when not nil, hears
// how far it has got.
// It gives up, returning ctx's error, when ctx is done between two files.
func parseAll(ctx context.Context, files []File, names []string, unread []Problem, prog *progress) ([]domain.Dataset, error) {
	var (
		all      []*parsed
		problems = unread
		failed   []string // files that could not be read or parsed: they may define what others name
		given    = map[string]bool{}
	)
	for _, p := range unread {
		failed = append(failed, p.File)
	}
	for _, f := range files {
		if names == nil || !slices.Contains(names, f.Name) {
			names = append(names, f.Name)
		}
		// One file twice made each of its ids a duplicate of itself.
		if given[f.Name] {
			problems = append(problems, namedTwice(f.Name))
			continue
		}
		given[f.Name] = true
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, probs := parse(f.Name, f.Data, prog)
		problems = append(problems, probs...)
		if p != nil {
			all = append(all, p)
		} else {
			failed = append(failed, f.Name)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	problems = append(problems, validate(all, failed, prog)...)
	if len(problems) > 0 {
		// In file order, then line order, whichever check found them; a problem about
		// a whole file (line 0) first, and once.
		order := map[string]int{}
		for i, n := range names {
			if _, ok := order[n]; !ok {
				order[n] = i
			}
		}
		sort.SliceStable(problems, func(i, j int) bool {
			a, b := problems[i], problems[j]
			if order[a.File] != order[b.File] {
				return order[a.File] < order[b.File]
			}
			return a.Line < b.Line
		})
		return nil, problemsError(slices.Compact(problems))
	}
	out := make([]domain.Dataset, len(all))
	for i, p := range all {
		out[i] = p.ds
	}
	return out, nil
}

func namedTwice(name string) Problem {
	return Problem{File: name, Message: "is named more than once; give each file once"}
}

// ReadFiles parses and validates the dataset files at paths. A file that cannot be
// read is one problem among the others: every file's problems are reported at once.
func ReadFiles(paths ...string) ([]domain.Dataset, error) {
	return readFiles(context.Background(), paths, nil)
}

// ReadFilesProgress is ReadFiles returning as soon as ctx is done (Ctrl-C while a large
// file is checked, which takes seconds), with an error saying the check was
// interrupted. The YAML library cannot be stopped half-way through a file: the
// abandoned check runs on until that file is parsed, then stops. report, when not nil,
// hears how far the check has come: often (every 64 KB of YAML read, every 1,000 items
// checked, and at the end of each step), so that the caller decides how often to show
// it. report is called from one goroutine at a time, never once ReadFilesProgress has
// returned, nor once ctx is done.
func ReadFilesProgress(ctx context.Context, report func(Progress), paths ...string) ([]domain.Dataset, error) {
	type result struct {
		ds  []domain.Dataset
		err error
	}
	var (
		mu       sync.Mutex
		returned bool
		prog     *progress
	)
	if report != nil {
		prog = &progress{fn: func(p Progress) {
			mu.Lock()
			defer mu.Unlock()
			// The check abandoned on Ctrl-C runs on: its progress is no longer news.
			if !returned && ctx.Err() == nil {
				report(p)
			}
		}}
	}
	defer func() {
		mu.Lock()
		returned = true
		mu.Unlock()
	}()
	done := make(chan result, 1)
	if ctx.Err() == nil {
		go func() {
			ds, err := readFiles(ctx, paths, prog)
			done <- result{ds, err}
		}()
	}
	select {
	case <-ctx.Done():
	case r := <-done:
		if ctx.Err() == nil {
			return r.ds, r.err
		}
	}
	// Not EInternal: the message is for the person who pressed Ctrl-C.
	return nil, &domain.Error{Code: domain.EUnavailable, Err: ctx.Err(),
		Message: "load interrupted while checking the dataset files; nothing was loaded"}
}

func readFiles(ctx context.Context, paths []string, prog *progress) ([]domain.Dataset, error) {
	var (
		files  = make([]File, 0, len(paths))
		unread []Problem
		read   []os.FileInfo // of files, to find one file given under two names
	)
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b, info, err := readFile(p)
		if err != nil {
			unread = append(unread, Problem{File: p, Message: err.Error()})
			continue
		}
		if i := slices.IndexFunc(read, func(o os.FileInfo) bool { return o != nil && info != nil && os.SameFile(o, info) }); i >= 0 {
			unread = append(unread, namedTwice(files[i].Name))
			continue
		}
		read = append(read, info)
		files = append(files, File{Name: p, Data: b})
	}
	return parseAll(ctx, files, paths, unread, prog)
}

// MaxFileBytes caps one dataset file. A load is one transaction, which Neo4j's memory
// limit refuses long before this size (a 41 MB file of 400,000 entities was), and a
// bigger file would only be read into memory to be refused.
const MaxFileBytes = 64 << 20

// readFile reads one dataset file, refusing what is no regular file before opening it:
// opening a named pipe waits for a writer, and a device (/dev/zero) never ends. Its
// error is the reason alone (no such file, is a directory): what to fix.
func readFile(p string) ([]byte, os.FileInfo, error) {
	info, err := os.Stat(p)
	if err == nil {
		switch {
		case info.IsDir():
			return nil, nil, errors.New("is a directory")
		case !info.Mode().IsRegular():
			return nil, nil, errors.New("is not a regular file (a pipe, socket or device)")
		case info.Size() > MaxFileBytes:
			return nil, nil, fmt.Errorf("it holds %d MB, more than the %d MB one file may; split it into files of at most that and load them one by one",
				(info.Size()+1<<20-1)>>20, MaxFileBytes>>20)
		}
	}
	b, err := os.ReadFile(p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, nil, pe.Err
		}
		return nil, nil, err
	}
	return b, info, nil
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
