package main

import (
	"fmt"

	"aui-tui/ui"
)

// runProfiles connects and runs the UI, and again each time the user
// switches profile (or to the demo) in it. A profile that cannot be used
// (its key is missing, its server refuses) leaves the user where they
// were, with the reason in the status bar, rather than ending the program.
func runProfiles(f *connFlags, s *setup, hook clientHook, run func(c *conn, notice string) (ui.Switch, error)) error {
	c, err := connect(*f, hook)
	if err != nil {
		return err
	}
	notice := ""
	for {
		next, err := run(c, notice)
		c.close()
		if err != nil || next == (ui.Switch{}) {
			return err
		}
		prev, prevDemo := *s, f.demo
		if next.Demo {
			f.demo = true
		} else {
			s.pick(next.Profile)
			f.demo = false
		}
		notice = ""
		nc, cerr := connect(*f, hook)
		if cerr != nil {
			*s, f.demo = prev, prevDemo
			notice = fmt.Sprintf("Could not switch to profile %q: %s", next.Profile, cerr)
			if next.Demo {
				notice = "Could not switch to the demo backend: " + cerr.Error()
			}
			s.logger().Info("profile switch failed", "profile", next.Profile, "err", cerr)
			if nc, cerr = connect(*f, hook); cerr != nil {
				return cerr
			}
		}
		c = nc
	}
}

// pick makes name the profile in use, as chosen in the UI's picker: it
// replaces whatever the command line and environment had chosen, since the
// user has just said which network they want.
func (s *setup) pick(name string) {
	s.profile, s.profileFrom, s.picked = name, "the profile picker", true
}
