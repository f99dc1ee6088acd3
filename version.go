package main

import (
	"runtime/debug"
	"strings"
)

// versionString is what --version prints: the module version the binary
// was built as, and, when the build recorded it, the commit, its time and
// whether the work tree had uncommitted changes.
func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (built without module information)"
	}
	return describeBuild(info)
}

// describeBuild formats build information; see versionString.
func describeBuild(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "development build"
	}
	var rev, at string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	// A pseudo-version already ends in the commit; saying it twice helps
	// nobody.
	if rev != "" && !strings.HasSuffix(v, shortRev(rev)) && !strings.Contains(v, shortRev(rev)+"+") {
		v += " " + shortRev(rev)
	}
	var extra []string
	if at != "" {
		extra = append(extra, at)
	}
	if dirty && !strings.HasSuffix(v, "+dirty") {
		extra = append(extra, "with uncommitted changes")
	}
	if len(extra) > 0 {
		v += " (" + strings.Join(extra, ", ") + ")"
	}
	return v
}

// shortRev is the first 12 characters of a commit hash, as Go's own
// pseudo-versions use.
func shortRev(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}

// userAgentVersion is the module version alone, for the User-Agent header.
func userAgentVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}
