package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"aui-tui/internal/config"
	"aui-tui/internal/xdg"
)

// Environment variables of the settings that have one besides the key and
// user (see envHelp).
const (
	envProfile = "AUI_PROFILE"
	envBaseURL = "AUI_BASE_URL"
	envRegion  = "AUI_REGION"
)

// globalFlags are the flags every command takes: which configuration and
// profile to use, and the debug log.
type globalFlags struct {
	profile   string
	config    string
	debug     bool
	debugFile string
}

func (g *globalFlags) register(cmd *cobra.Command) {
	fl := cmd.PersistentFlags()
	fl.StringVar(&g.profile, "profile", "", "the configuration profile to use (default $"+envProfile+", else default_profile)")
	fl.StringVar(&g.config, "config", "", "the configuration file (default $"+config.EnvPath+", else ~/.config/aui-tui/config.toml)")
	fl.BoolVar(&g.debug, "debug", false, "write a debug log of requests and the live connection (aui-tui logs shows it)")
	fl.StringVar(&g.debugFile, "debug-file", "", "the debug log's file (implies --debug; default ~/.local/state/aui-tui/debug.log)")
	_ = cmd.RegisterFlagCompletionFunc("profile", completeProfiles)
	_ = cmd.MarkPersistentFlagFilename("config", "toml")
	_ = cmd.MarkPersistentFlagFilename("debug-file")
}

// setup is what a command knows before it connects: the configuration,
// the chosen profile and the debug log. It travels in the command's
// context.
type setup struct {
	file *config.File
	// err is why the configuration could not be read; commands that
	// connect report it, others (config path, logs) run anyway.
	err error
	// profile is the chosen profile's name ("" for none) and profileFrom
	// what chose it, for messages.
	profile, profileFrom string
	// picked is true once the profile was chosen in the UI: then it wins
	// over flags and the environment (see pick).
	picked bool
	// logPath is the debug log's file ("" without --debug); log is the
	// log once a command that connects has opened it, so commands such as
	// logs never write to it.
	logPath  string
	logStart []any
	log      *slog.Logger
	// problems are the configuration's, as warned about at start.
	problems []config.Problem
}

// warn reports problems in the configuration on stderr (not while
// completing a shell word: that would garble the shell's line).
func (s *setup) warn(cmd *cobra.Command, problems []config.Problem) {
	s.problems = append(s.problems, problems...)
	if quiet(cmd) {
		return
	}
	for _, p := range problems {
		fmt.Fprintln(cmd.ErrOrStderr(), "aui-tui: warning:", p)
	}
}

// notice is what the UI's status bar says about the configuration's
// problems at start: the full-screen UI hides the warnings printed before
// it, until it ends.
func (s *setup) notice() string {
	switch n := len(s.problems); n {
	case 0:
		return ""
	case 1:
		return "Configuration: " + s.problems[0].String()
	default:
		return fmt.Sprintf("Configuration: %s (%d problems in all, printed to the terminal before the UI started)", s.problems[0], n)
	}
}

type setupKey struct{}

// setupOf is the setup the root command loaded, or an empty one (tests
// that build a subcommand alone).
func setupOf(cmd *cobra.Command) *setup {
	if cmd != nil && cmd.Context() != nil {
		if s, ok := cmd.Context().Value(setupKey{}).(*setup); ok {
			return s
		}
	}
	return &setup{file: &config.File{}}
}

// load reads the configuration and opens the debug log for cmd. Problems in
// the file are reported on stderr and leave the rest of it in force.
func (g *globalFlags) load(cmd *cobra.Command, getenv func(string) string) error {
	s := &setup{file: &config.File{}}
	path := g.config
	// A file named on purpose must exist; the default one is optional.
	named := path != "" || getenv(config.EnvPath) != ""
	if path == "" {
		p, err := config.DefaultPath(getenv)
		if err != nil {
			s.err = err
		}
		path = p
	}
	if path != "" {
		f, problems, err := config.Load(path)
		switch {
		case err != nil:
			s.err = err
		case f.Path == "" && named:
			s.err = fmt.Errorf("the configuration file %s does not exist; aui-tui config init writes one", path)
		default:
			s.file = f
			s.warn(cmd, problems)
		}
	}
	s.profile, s.profileFrom = g.profile, "--profile"
	if s.profile == "" {
		s.profile, s.profileFrom = getenv(envProfile), "$"+envProfile
	}
	if s.profile == "" && s.file.DefaultProfile != "" {
		s.profile, s.profileFrom = s.file.DefaultProfile, "default_profile"
	}
	if g.debug || g.debugFile != "" {
		p, err := debugLogPath(g.debugFile, getenv)
		if err != nil {
			return err
		}
		s.logPath = p
		s.logStart = []any{"version", versionString(), "command", cmd.CommandPath(), "config", path, "profile", s.profile}
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	cmd.SetContext(context.WithValue(ctx, setupKey{}, s))
	return nil
}

// chosenProfile is the chosen profile, or an error naming what chose a
// profile the file does not have.
func (s *setup) chosenProfile() (config.Profile, error) {
	if s.profile == "" {
		return config.Profile{}, nil
	}
	if p, ok := s.file.Profiles[s.profile]; ok {
		return p, nil
	}
	where := s.file.Path
	if where == "" {
		return config.Profile{}, fmt.Errorf("%s names profile %q, but there is no configuration file; aui-tui config init writes one", s.profileFrom, s.profile)
	}
	names := s.file.ProfileNames()
	if len(names) == 0 {
		return config.Profile{}, fmt.Errorf("%s names profile %q, but %s has no profiles", s.profileFrom, s.profile, where)
	}
	return config.Profile{}, fmt.Errorf("%s names profile %q, which %s does not have (it has: %v)", s.profileFrom, s.profile, where, names)
}

// debugLogPath is --debug-file, else $XDG_STATE_HOME/aui-tui/debug.log.
func debugLogPath(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	dir, err := xdg.StateDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "debug.log"), nil
}

// maxDebugLog is the size past which the log is started afresh (the old
// one kept beside it as debug.log.old), so --debug left on cannot fill a
// disk.
const maxDebugLog = 10 << 20

// openDebugLog appends to the log file, readable only by the user: it
// records hosts, user ids and message text.
func openDebugLog(path string) (*slog.Logger, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot write the debug log %s: %w", path, err)
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() > maxDebugLog {
		_ = os.Rename(path, path+".old")
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot write the debug log %s: %w", path, err)
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})), nil
}

// discardLogger stands in when there is no debug log.
var discardLogger = slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelError + 1}))

// openLog opens the debug log if --debug asked for one.
func (s *setup) openLog() error {
	if s.logPath == "" || s.log != nil {
		return nil
	}
	l, err := openDebugLog(s.logPath)
	if err != nil {
		return err
	}
	s.log = l
	s.log.Info("start", s.logStart...)
	return nil
}

// logger is the debug log, or one that writes nothing.
func (s *setup) logger() *slog.Logger {
	if s.log == nil {
		return discardLogger
	}
	return s.log
}
