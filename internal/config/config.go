// Package config reads the user's configuration file: preferences, named
// connection profiles and key bindings. It only parses and checks the file;
// deciding which value wins over flags and the environment is the
// command line's job.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"aui-tui/internal/xdg"
)

// FileName is the configuration file's name inside the config directory.
const FileName = "config.toml"

// EnvPath names another configuration file than the default one.
const EnvPath = "AUI_TUI_CONFIG"

// File is the configuration as written. Empty fields mean "not set here".
type File struct {
	DefaultProfile string              `toml:"default_profile"`
	Theme          string              `toml:"theme"`
	MarkdownStyle  string              `toml:"markdown_style"`
	Mouse          *bool               `toml:"mouse"`
	PageSize       int                 `toml:"page_size"`
	ExportDir      string              `toml:"export_dir"`
	Profiles       map[string]Profile  `toml:"profiles"`
	Keys           map[string][]string `toml:"keys"`

	// Path is where the file was read from ("" when there is none).
	Path string `toml:"-"`
	// lines is the line of each key, for problems found after decoding.
	lines map[string]int
	// private reports a file only its owner can read.
	private bool
}

// Profile is one named AUI network: where it is, whose tasks to show and
// where its key comes from.
type Profile struct {
	BaseURL string `toml:"base_url"`
	Region  string `toml:"region"`
	User    string `toml:"user"`
	KeyEnv  string `toml:"key_env"`
	KeyFile string `toml:"key_file"`
	Key     string `toml:"key"`
}

// Problem is something in the file the program ignores or cannot honour;
// it is reported at start-up, and the program runs on without that part.
type Problem struct {
	Path string
	Line int // 0 when the problem has no single line
	Text string
}

// String is "path:line: text", the form editors and compilers use, so a
// terminal or editor can jump to the line.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Text)
	}
	return p.Path + ": " + p.Text
}

// DefaultPath is $AUI_TUI_CONFIG, else $XDG_CONFIG_HOME/aui-tui/config.toml.
func DefaultPath(env xdg.Env) (string, error) {
	if env == nil {
		env = os.Getenv
	}
	if p := env(EnvPath); p != "" {
		return p, nil
	}
	dir, err := xdg.ConfigDir(env)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, FileName), nil
}

// Load reads and checks the file at path. A missing file is an empty
// configuration. An error means the file cannot be used at all (unreadable,
// not TOML); problems are the parts that were set aside.
func Load(path string) (*File, []Problem, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return &File{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read the configuration file %s: %w", path, unwrap(err))
	}
	if !fi.Mode().IsRegular() {
		// A FIFO would block the read for ever, a folder cannot be read.
		return nil, nil, fmt.Errorf("the configuration file %s is not a regular file", path)
	}
	doc, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read the configuration file %s: %w", path, unwrap(err))
	}
	f, problems, err := Parse(doc, path)
	if err != nil {
		return nil, nil, err
	}
	f.private = private(fi)
	if !f.private {
		for _, name := range f.profileNames() {
			if f.Profiles[name].Key != "" {
				problems = append(problems, Problem{Path: path, Line: f.Line("profiles", name, "key"),
					Text: fmt.Sprintf("it holds the API key of profile %q and others can read it; run: chmod 600 %s", name, path)})
			}
		}
	}
	return f, problems, nil
}

// Parse decodes a configuration document; path names it in messages.
func Parse(doc []byte, path string) (*File, []Problem, error) {
	f := &File{Path: path, lines: keyLines(doc)}
	dec := toml.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	var problems []Problem
	if err := dec.Decode(f); err != nil {
		var strict *toml.StrictMissingError
		var de *toml.DecodeError
		switch {
		case errors.As(err, &strict):
			for _, e := range strict.Errors {
				row, _ := e.Position()
				problems = append(problems, Problem{Path: path, Line: row,
					Text: fmt.Sprintf("unknown setting %q (ignored)", strings.Join(e.Key(), "."))})
			}
		case errors.As(err, &de):
			row, _ := de.Position()
			return nil, nil, fmt.Errorf("%s:%d: %s; fix the file or move it aside", path, row, strings.TrimPrefix(de.Error(), "toml: "))
		default:
			return nil, nil, fmt.Errorf("%s: %s; fix the file or move it aside", path, strings.TrimPrefix(err.Error(), "toml: "))
		}
	}
	problems = append(problems, f.check()...)
	return f, problems, nil
}

// check reports values no part of the program could use. The value is
// cleared so the default applies instead.
func (f *File) check() []Problem {
	var ps []Problem
	add := func(line int, format string, args ...any) {
		ps = append(ps, Problem{Path: f.Path, Line: line, Text: fmt.Sprintf(format, args...)})
	}
	switch f.Theme {
	case "", "auto", "dark", "light":
	default:
		add(f.Line("theme"), "theme must be auto, dark or light, not %q (using auto)", f.Theme)
		f.Theme = ""
	}
	if f.PageSize != 0 && (f.PageSize < 1 || f.PageSize > 100) {
		add(f.Line("page_size"), "page_size must be between 1 and 100, not %d (ignored)", f.PageSize)
		f.PageSize = 0
	}
	if f.DefaultProfile != "" {
		if _, ok := f.Profiles[f.DefaultProfile]; !ok {
			add(f.Line("default_profile"), "default_profile %q names no [profiles.%s] table (ignored)", f.DefaultProfile, f.DefaultProfile)
			f.DefaultProfile = ""
		}
	}
	for _, name := range f.profileNames() {
		p := f.Profiles[name]
		if p.BaseURL != "" && p.Region != "" {
			add(f.Line("profiles", name, "region"), "profile %q sets both base_url and region; base_url is used", name)
			p.Region = ""
		}
		switch strings.ToLower(p.Region) {
		case "", "gcp", "azure":
		default:
			add(f.Line("profiles", name, "region"), "profile %q: region must be gcp or azure, not %q (ignored)", name, p.Region)
			p.Region = ""
		}
		n := 0
		for _, s := range []string{p.KeyEnv, p.KeyFile, p.Key} {
			if s != "" {
				n++
			}
		}
		if n > 1 {
			add(f.Line("profiles", name), "profile %q sets more than one of key_env, key_file and key; key_env wins, then key_file", name)
		}
		f.Profiles[name] = p
	}
	return ps
}

// Line is the line a setting is written on, 0 if it is not in the file.
func (f *File) Line(key ...string) int { return f.lines[strings.Join(key, ".")] }

// ProfileNames lists the profiles in name order.
func (f *File) ProfileNames() []string { return f.profileNames() }

func (f *File) profileNames() []string {
	names := make([]string, 0, len(f.Profiles))
	for n := range f.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// unwrap drops the *PathError wrapper, whose path the message already names.
func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
