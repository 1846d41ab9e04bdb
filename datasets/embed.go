// Package datasets embeds the datasets shipped with newsgraph, so that `newsgraph load`
// and `serve --load` work from the binary alone. The files are YAML, written to be
// edited by hand; see docs/model.md for their format.
package datasets

import "embed"

// FS holds every *.yaml file of this directory.
//
//go:embed *.yaml
var FS embed.FS
