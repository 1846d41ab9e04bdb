// Package web embeds the built front end (assets/app, produced by `npm run build`) so
// that one binary serves both the page and the API.
package web

import (
	"embed"
	"io/fs"
)

//go:embed assets
var assets embed.FS

// Dist returns the built front end, or nil when it has not been built (the server then
// answers with a notice on how to build it).
func Dist() fs.FS {
	sub, err := fs.Sub(assets, "assets/app")
	if err != nil {
		return nil
	}
	if _, err := fs.Stat(sub, "index.html"); err != nil {
		return nil
	}
	return sub
}
