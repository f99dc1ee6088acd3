package sshserve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

// gate admits a session or refuses it with a sentence, watches its limits
// while the program runs, and afterwards says why it ended and logs it.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		v := s.newVisitor(sess)
		if why, msg := s.admit(sess, v); msg != "" {
			v.cancel()
			say(sess, msg)
			s.logSession(v, "refused-"+why, 0)
			_ = sess.Exit(1)
			return
		}
		defer s.leave(sess, v)
		go v.watch(s.opts.IdleTimeout, s.opts.MaxDuration)

		next(sess)

		if v.started() && !v.quit.Load() {
			v.end(endCrashed)
		}
		if err := v.finish(); err != nil {
			s.opts.Log.Printf("ssh session %s: after it ended: %v", v.ID, err)
		}
		reason := v.why()
		if msg := s.goodbye(reason); msg != "" {
			say(sess, msg)
		}
		s.logSession(v, reason.String(), time.Since(v.start))
		code := 0
		if reason == endFailed || reason == endCrashed {
			code = 1
		}
		_ = sess.Exit(code)
	}
}

// admit takes a place for the visitor, or says why there is none: a
// word for the log and a sentence for the visitor.
func (s *Server) admit(sess ssh.Session, v *Visitor) (why, msg string) {
	if sess.RawCommand() != "" || sess.Subsystem() != "" {
		return "command", "This server runs only the aui-tui demo: connect with plain ssh, without a command."
	}
	if _, _, ok := sess.Pty(); !ok {
		return "no-terminal", "The aui-tui demo needs a terminal: connect again with ssh -t."
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.stopping:
		return "stopping", "The demo is ending: the server is shutting down."
	case s.opts.MaxSessions > 0 && len(s.visitors) >= s.opts.MaxSessions:
		return "full", "The demo is full (" + plural(s.opts.MaxSessions, "visitor") + " at once); please try again in a few minutes."
	}
	// Keyed by session, not kept in the session's context: that is the
	// connection's, which several sessions may share.
	s.visitors[sess] = v
	s.active.Add(1)
	return "", ""
}

func (s *Server) leave(sess ssh.Session, v *Visitor) {
	s.mu.Lock()
	delete(s.visitors, sess)
	s.mu.Unlock()
	s.active.Done()
}

// visitorOf is the visitor admitted for sess, or nil.
func (s *Server) visitorOf(sess ssh.Session) *Visitor {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.visitors[sess]
}

// goodbye is what the visitor reads after the program has closed.
func (s *Server) goodbye(r endReason) string {
	switch r {
	case endIdle:
		return "The demo closed after " + spell(s.opts.IdleTimeout) + " without a key press; connect again to carry on."
	case endLength:
		return "The demo closed: a session lasts at most " + spell(s.opts.MaxDuration) + "; connect again to carry on."
	case endShutdown:
		return "The demo is ending: the server is shutting down. Thank you for trying it."
	case endFailed:
		return "The demo could not start for you; please try again in a minute."
	case endCrashed:
		return "The demo stopped on an error; connect again to start afresh."
	}
	return ""
}

// program builds the visitor's program on the session's terminal. A nil
// program (the app failed) makes the middleware skip to the gate, which
// tells the visitor.
func (s *Server) program(sess ssh.Session) *tea.Program {
	v := s.visitorOf(sess)
	if v == nil {
		return nil
	}
	inst, err := s.opts.App(v)
	if err != nil {
		v.end(endFailed)
		s.opts.Log.Printf("ssh session %s could not start: %v", v.ID, err)
		return nil
	}
	pty, _, _ := sess.Pty()
	opts := append(bm.MakeOptions(sess),
		// Replaces MakeOptions' size, which is the client's word.
		tea.WithWindowSize(clampSize(pty.Window.Width, pty.Window.Height)),
		// The server, not each program, handles SIGINT and SIGTERM: it
		// says goodbye to every visitor.
		tea.WithoutSignalHandler(),
		// Replaces MakeOptions' filter, whose suspend guard it keeps.
		tea.WithFilter(v.filterWith(inst.Filter)),
	)
	p := tea.NewProgram(inst.Model, opts...)
	v.attach(p, inst)
	return p
}

// newVisitor names the session's visitor: a key maps to the same demo
// user on every connection when keys are listed; on an open server every
// session is a fresh user.
func (s *Server) newVisitor(sess ssh.Session) *Visitor {
	v := &Visitor{
		Env:     sess.Environ(),
		remote:  sess.RemoteAddr().String(),
		sshUser: sess.User(),
		start:   time.Now(),
		logf:    s.opts.Log.Printf,
		rate:    newRateLimit(s.opts.MessagesPerMinute, time.Minute, s.opts.Now),
		perMin:  s.opts.MessagesPerMinute,
	}
	if pty, _, ok := sess.Pty(); ok && pty.Term != "" {
		v.Env = append(v.Env, "TERM="+pty.Term)
	}
	v.touch()
	v.ctx, v.cancel = context.WithCancel(sess.Context())
	key := sess.PublicKey()
	if key != nil {
		v.key = gossh.FingerprintSHA256(key)
	}
	if key != nil && !s.opts.Open {
		v.ID, v.Stable = "visitor_"+keyID(key), true
	} else {
		v.ID = "visitor_" + randomID()
	}
	return v
}

// randomID is 12 hex digits from the system's random source.
func randomID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// logSession writes the session's one log line. The ssh user name is the
// client's text: quoted, so it cannot forge a line or send escapes.
func (s *Server) logSession(v *Visitor, end string, d time.Duration) {
	key := v.key
	if key == "" {
		key = "none"
	}
	user := v.sshUser
	if len(user) > 64 {
		user = user[:64]
	}
	s.opts.Log.Printf("ssh session remote=%s user=%q key=%s visitor=%s duration=%s messages=%d end=%s",
		v.remote, user, key, v.ID, d.Round(time.Second), v.sent.Load(), end)
}

// say writes a sentence on the visitor's terminal, below whatever the
// program left there.
func say(sess ssh.Session, msg string) {
	_, _ = io.WriteString(sess, "\r\n"+msg+"\r\n")
}
