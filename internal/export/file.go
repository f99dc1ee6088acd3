package export

import (
	"aui-tui/internal/fsutil"

	"path/filepath"
	"regexp"
	"strings"
	"time"

	"aui-tui/api"
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
	var data []byte
	if asJSON {
		b, err := JSON(msgs)
		if err != nil {
			return "", err
		}
		data = b
	} else {
		data = []byte(Markdown(task, msgs, loc))
	}
	if dir == "" {
		dir = "."
	}
	path, err := filepath.Abs(filepath.Join(dir, FileName(task, asJSON)))
	if err != nil {
		return "", err
	}
	if err := fsutil.WriteFileAtomic(path, data, 0o600); err != nil {
		return "", err
	}
	return path, nil
}
