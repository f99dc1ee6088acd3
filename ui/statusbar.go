package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/internal/textsafe"
	"aui-tui/theme"
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
	st          *theme.Styles
	demo        bool
	host        string
	user        string
	conn        api.ConnState
	attempt     int
	keyRejected bool
	// quietRetry: the socket is being replaced after the server closed it
	// on refusing a message; its coming back is not news either.
	quietRetry bool
	latency    time.Duration
	// offline: the server cannot be reached and what is shown is the
	// cached copy of cachedAt ("15:04").
	offline  bool
	cachedAt string
	// presenter keeps the bar to the mode, connection and notices.
	presenter bool

	notice      string
	noticeLevel noticeLevel
	noticeID    int
	// noticeTag names the notice so whoever asked for it can withdraw it.
	noticeTag string
	w         int

	// log keeps the last notices whole, for the notice log: the bar cuts
	// long ones and they expire. Value copies of the model share it, as
	// the bar's look does not depend on it.
	log *noticeLog
	// lost: the socket dropped and has not been live since.
	lost bool
}

// noticeLog is the notices shown so far, oldest first, at most logSize.
type noticeLog struct {
	entries []loggedNotice
	now     func() time.Time
}

// loggedNotice is one notice as the log shows it.
type loggedNotice struct {
	at    time.Time
	level noticeLevel
	text  string
}

// logSize is how many notices the log keeps.
const logSize = 100

// Update clears a notice whose time is up, unless a newer one replaced it.
func (s statusModel) Update(msg tea.Msg) (statusModel, tea.Cmd) {
	if msg, ok := msg.(noticeExpiredMsg); ok {
		s.expire(msg.id)
	}
	return s, nil
}

// SetSize sets the bar's width; it is one line.
func (s *statusModel) SetSize(w, _ int) { s.w = w }

// View is the bar, exactly its width.
func (s statusModel) View() string { return s.view(s.w) }

// connState is the WebSocket's state as shown.
func (s *statusModel) connState() api.ConnState { return s.conn }

// pendingNotice is the id of the notice showing, 0 when none is.
func (s *statusModel) pendingNotice() int {
	if s.notice == "" {
		return 0
	}
	return s.noticeID
}

// userLabel is the user id as shown (sanitised).
func (s *statusModel) userLabel() string { return s.user }

func newStatus(st *theme.Styles, cfg Config) statusModel {
	host := textsafe.Line(cfg.Host)
	if cfg.Profile != "" && !cfg.Demo {
		// Which network, once there are several to switch between.
		host = textsafe.Line(cfg.Profile) + " · " + host
	}
	return statusModel{st: st, demo: cfg.Demo, host: host, user: textsafe.Line(cfg.UserID), conn: api.StateConnecting,
		presenter: cfg.Presenter, log: &noticeLog{now: cfg.Now}}
}

// setNotice shows text and returns its id, for the expiry.
func (s *statusModel) setNotice(level noticeLevel, text, tag string) int {
	s.noticeID++
	s.notice = textsafe.Line(text)
	s.record(level, s.notice)
	s.noticeLevel = level
	s.noticeTag = tag
	return s.noticeID
}

func (s *statusModel) expire(id int) {
	if id == s.noticeID {
		s.notice, s.noticeTag = "", ""
	}
}

// clearTag withdraws the notice with this tag if it still shows.
func (s *statusModel) clearTag(tag string) {
	if tag != "" && s.noticeTag == tag {
		s.notice, s.noticeTag = "", ""
	}
}

// setOffline marks what is shown as the cached copy stored at t.
func (s *statusModel) setOffline(t time.Time, loc *time.Location) {
	s.offline = true
	s.cachedAt = t.In(loc).Format("15:04")
}

// setLatency shows the last request's latency.
func (s *statusModel) setLatency(d time.Duration) { s.latency = d }

// setConn shows the WebSocket's state.
func (s *statusModel) setConn(state api.ConnState, attempt int, keyRejected bool) {
	s.conn, s.attempt, s.keyRejected = state, attempt, keyRejected
}

// setStyles switches the theme.
func (s *statusModel) setStyles(st *theme.Styles) { s.st = st }

// connLabel names the WebSocket's state ("ws" keeps it apart from the
// LIVE/DEMO mode badge); it is never shown by colour alone.
func (s *statusModel) connLabel() (string, func(...string) string) {
	if s.offline {
		return "offline · cached " + s.cachedAt, s.st.Status.StateOffline.Render
	}
	switch s.conn {
	case api.StateLive:
		return "ws ● connected", s.st.Status.StateLive.Render
	case api.StateConnecting:
		return "ws ◌ connecting", s.st.Status.StateRetry.Render
	case api.StateRetrying:
		l := "ws ◌ reconnecting"
		if s.attempt > 0 {
			l += fmt.Sprintf(" #%d", s.attempt)
		}
		return l + " · REST fallback", s.st.Status.StateRetry.Render
	default:
		if s.keyRejected {
			return "ws ○ key rejected", s.st.Status.StateOffline.Render
		}
		return "ws ○ offline · REST fallback", s.st.Status.StateOffline.Render
	}
}

// view lays the bar out by priority: the mode badge, the connection state
// and the notice always show; latency, user and host give way on narrow
// terminals, and a long notice is shortened rather than the state.
func (s *statusModel) view(w int) string {
	mode := s.st.Status.Live.Render("LIVE")
	if s.demo {
		mode = s.st.Status.Demo.Render("DEMO")
	}
	sep := s.st.Status.Bar.Render(" · ")
	connText, connStyle := s.connLabel()
	left := mode + s.st.Status.Bar.Render(" ") + connStyle(connText)
	right := ""
	if s.notice != "" {
		st, prefix := s.st.Status.Info, ""
		switch s.noticeLevel {
		case levelWarn:
			st, prefix = s.st.Status.Warn, "! "
		case levelError:
			st, prefix = s.st.Status.Error, "✗ "
		}
		room := max(0, w-ansi.StringWidth(left)-1)
		right = st.Render(ansi.Truncate(prefix+s.notice, max(0, room-1), "…") + " ")
		if room < 4 {
			right = ""
		}
	}
	// Optional parts by priority; shown in display order (host, user,
	// state, latency) if they fit.
	host, user, lat := s.st.Status.Host.Render(" "+s.host), s.st.Status.Host.Render(s.user), ""
	if s.latency > 0 {
		lat = s.st.Status.Latency.Render(fmtLatency(s.latency))
	}
	if s.presenter {
		host, user, lat = "", "", ""
	}
	avail := w - ansi.StringWidth(left) - ansi.StringWidth(right) - 1
	take := func(part string) bool {
		need := ansi.StringWidth(sep) + ansi.StringWidth(part)
		if part == "" || need > avail {
			return false
		}
		avail -= need
		return true
	}
	showLat, showUser, showHost := take(lat), take(user), take(host)
	left = mode
	if showHost {
		left += host + sep
	} else {
		left += s.st.Status.Bar.Render(" ")
	}
	if showUser {
		left += user + sep
	}
	left += connStyle(connText)
	if showLat {
		left += sep + lat
	}
	if ansi.StringWidth(left) > w {
		left = ansi.Truncate(left, w, "…")
	}
	gap := s.st.Status.Bar.Render(strings.Repeat(" ", max(0, w-ansi.StringWidth(left)-ansi.StringWidth(right))))
	return left + gap + right
}

func fmtLatency(d time.Duration) string {
	if d < time.Millisecond {
		return "<1 ms"
	}
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// record adds a notice to the log, dropping the oldest beyond logSize.
func (s *statusModel) record(level noticeLevel, text string) {
	if text == "" || s.log == nil {
		return
	}
	at := time.Now()
	if s.log.now != nil {
		at = s.log.now()
	}
	l := s.log
	if len(l.entries) >= logSize {
		l.entries = append(l.entries[:0], l.entries[len(l.entries)-logSize+1:]...)
	}
	l.entries = append(l.entries, loggedNotice{at: at, level: level, text: text})
}

// logLines is the notice log, newest first: "14:02:07 ✗ text", whole.
func (s *statusModel) logLines() []string {
	if s.log == nil || len(s.log.entries) == 0 {
		return []string{s.st.Help.Desc.Render("No notices yet.")}
	}
	es := s.log.entries
	out := make([]string, 0, len(es))
	for i := len(es) - 1; i >= 0; i-- {
		n := es[i]
		mark, st := "·", s.st.Status.Info
		switch n.level {
		case levelWarn:
			mark, st = "!", s.st.Status.Warn
		case levelError:
			mark, st = "✗", s.st.Status.Error
		}
		out = append(out, s.st.Help.Desc.Render(n.at.Format("15:04:05")+" ")+st.UnsetBackground().Render(mark+" "+n.text))
	}
	return out
}
