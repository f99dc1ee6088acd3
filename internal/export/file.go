package export

import (
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"aui-tui/api"
	"aui-tui/internal/fsutil"
	"aui-tui/internal/textsafe"
)

var slugUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// FileName is a readable, filesystem-safe name for a task's export.
func FileName(task api.Task, asJSON bool) string {
	slug := strings.Trim(slugUnsafe.ReplaceAllString(strings.ToLower(textsafe.Line(task.Title)), "-"), "-")
	if len(slug) > 40 {
		slug = strings.Trim(slug[:40], "-")
	}
	id := slugUnsafe.ReplaceAllString(strings.ToLower(task.ID), "")
	if len(id) > 8 {
		id = id[:8]
	}
	name := "aui-" + id
	if slug != "" {
		name += "-" + slug
	}
	if asJSON {
		return name + ".json"
	}
	return name + ".md"
}

// WriteFile exports a transcript into dir ("" is the current directory)
// and returns the file's path. An existing file is replaced atomically.
func WriteFile(dir string, task api.Task, msgs []api.Message, loc *time.Location, asJSON bool) (string, error) {
	if dir == "" {
		dir = "."
	}
	path, err := filepath.Abs(filepath.Join(dir, FileName(task, asJSON)))
	if err != nil {
		return "", err
	}
	// Written as it is rendered: a long transcript is not held twice.
	err = fsutil.WriteAtomic(path, 0o600, func(w io.Writer) error {
		if asJSON {
			return WriteJSON(w, msgs)
		}
		return WriteMarkdown(w, task, msgs, loc)
	})
	if err != nil {
		return "", err
	}
	return path, nil
}
