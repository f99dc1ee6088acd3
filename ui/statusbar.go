package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/theme"
	"aui-tui/ui/safe"
)

type noticeLevel int

const (
	levelInfo noticeLevel = iota
	levelWarn
	levelError
)

// statusModel is the bottom status line: mode and host, user, connection
// state, the last request's latency and a notice that expires.
type statusModel struct {
	st       *theme.Styles
	demo     bool
	host     string
	user     string
	conn     api.ConnState
	retryIn  time.Duration
	attempt  int
	restOnly bool
	latency  time.Duration

	notice      string
	noticeLevel noticeLevel
	noticeID    int
}

// setNotice shows text and returns the command that expires it.
func (s *statusModel) setNotice(level noticeLevel, text string) int {
	s.noticeID++
	s.notice = safe.Line(text)
	s.noticeLevel = level
	return s.noticeID
}

func (s *statusModel) expire(id int) {
	if id == s.noticeID {
		s.notice = ""
	}
}

func (s *statusModel) connLabel() (string, func(...string) string) {
	switch s.conn {
	case api.StateLive:
		return "● live", s.st.Status.StateLive.Render
	case api.StateConnecting:
		return "◌ connecting", s.st.Status.StateRetry.Render
	case api.StateRetrying:
		l := "◌ reconnecting"
		if s.attempt > 0 {
			l += fmt.Sprintf(" #%d", s.attempt)
		}
		if s.retryIn > 0 {
			l += fmt.Sprintf(" in %s", s.retryIn.Round(100*time.Millisecond))
		}
		return l + " · REST fallback", s.st.Status.StateRetry.Render
	default:
		return "○ offline · REST fallback", s.st.Status.StateOffline.Render
	}
}

func (s *statusModel) view(w int) string {
	mode := s.st.Status.Live.Render("LIVE")
	if s.demo {
		mode = s.st.Status.Demo.Render("DEMO")
	}
	connText, connStyle := s.connLabel()
	parts := []string{
		s.st.Status.Host.Render(" " + s.host),
		s.st.Status.Host.Render(s.user),
		connStyle(connText),
	}
	if s.latency > 0 {
		parts = append(parts, s.st.Status.Latency.Render(fmtLatency(s.latency)))
	}
	sep := s.st.Status.Bar.Render(" · ")
	left := mode + strings.Join(parts, sep)
	right := ""
	if s.notice != "" {
		st := s.st.Status.Info
		prefix := ""
		switch s.noticeLevel {
		case levelWarn:
			st, prefix = s.st.Status.Warn, "! "
		case levelError:
			st, prefix = s.st.Status.Error, "✗ "
		}
		right = st.Render(prefix + s.notice + " ")
	}
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	if lw+rw+1 > w {
		// The notice matters more than the host line when space is short.
		if rw > w {
			right = ansi.Truncate(right, w, "…")
			rw = ansi.StringWidth(right)
		}
		left = ansi.Truncate(left, max(0, w-rw-1), "…")
		lw = ansi.StringWidth(left)
	}
	gap := s.st.Status.Bar.Render(strings.Repeat(" ", max(0, w-lw-rw)))
	return left + gap + right
}

func fmtLatency(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
