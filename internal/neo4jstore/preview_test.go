package neo4jstore

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPropertyPreviews: with a limit, a value whose JSON is longer goes out as a
// preview that says how long it was; shorter values, and every value without a limit,
// go out whole.
func TestPropertyPreviews(t *testing.T) {
	long := strings.Repeat("€", 2000) // 6,000 bytes: byte 1,000 is inside a character
	list := make([]any, 2000)
	for i := range list {
		list[i] = int64(i)
	}
	props := map[string]any{"body": long, "short": "kept", "numbers": list}
	var got map[string]any
	if err := json.Unmarshal(appendProperties(nil, props, nil, PreviewLimit), &got); err != nil {
		t.Fatal(err)
	}
	if got["short"] != "kept" {
		t.Errorf("short: %v", got["short"])
	}
	body, _ := got["body"].(map[string]any)
	preview, _ := body["preview"].(string)
	if body["$type"] != "Truncated" || body["bytes"] != float64(len(long)+2) || len(preview) != previewBytes-1 ||
		!utf8.ValidString(preview) || !strings.HasPrefix(long, preview) {
		t.Errorf("body: %v (preview of %d bytes)", body["$type"], len(preview))
	}
	numbers, _ := got["numbers"].(map[string]any)
	if _, hasPreview := numbers["preview"]; numbers["$type"] != "Truncated" || hasPreview {
		t.Errorf("numbers: %v", numbers)
	}
	var whole map[string]any
	if err := json.Unmarshal(appendProperties(nil, props, nil, 0), &whole); err != nil {
		t.Fatal(err)
	}
	if whole["body"] != long || len(whole["numbers"].([]any)) != len(list) {
		t.Error("without a limit, values must go out whole")
	}
}
