package ui

import (
	"errors"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/internal/textsafe"
)

// refreshTag tags the "refreshing…" notice, withdrawn when the list
// arrives rather than left to expire.
const refreshTag = "refresh"

// notify shows a notice in the status bar and schedules its expiry.
func (m *Model) notify(level noticeLevel, text string) tea.Cmd {
	return m.notifyTagged(level, text, "")
}

// notifyTagged is notify for a notice that can be withdrawn by its tag.
func (m *Model) notifyTagged(level noticeLevel, text, tag string) tea.Cmd {
	return noticeExpireCmd(m.com.tick, m.status.setNotice(level, text, tag))
}

// humanError is the sentence shown for an error. The api package already
// words its errors for people; this only guards against control bytes.
func humanError(err error) string {
	if err == nil {
		return ""
	}
	return textsafe.Line(err.Error())
}

// capitalize starts s with a capital letter, for an error text that
// begins a sentence.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// retryHint says what helps after a failed call: a rejected key is not
// fixed by retrying.
func (m *Model) retryHint(err error) string {
	if errors.Is(err, api.ErrUnauthorized) || errors.Is(err, api.ErrForbidden) {
		return "Check AUI_NETWORK_API_KEY (or the key file) and restart."
	}
	return keyHint(m.com.keys.Global.Refresh) + " to retry"
}
