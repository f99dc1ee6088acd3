package transcript

import (
	"net/url"
	"strings"

	"aui-tui/api"
	"aui-tui/internal/textsafe"
)

// OpenLinkMsg asks the program to open URL with the system opener; URL is
// "" when the message acted on has no link (the program says so).
type OpenLinkMsg struct{ URL string }

// linkURL returns s as a link the program may write and open: an absolute
// http or https URL with a host, re-encoded so it holds no control byte,
// space or non-ASCII rune. Server text that is anything else is not a link.
func linkURL(s string) (string, bool) {
	s = strings.TrimSpace(textsafe.Line(s))
	if s == "" || strings.ContainsAny(s, " \t") {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "", false
	}
	out := u.String()
	for i := 0; i < len(out); i++ {
		if c := out[i]; c <= 0x20 || c >= 0x7f {
			return "", false
		}
	}
	return out, true
}

// hyperlink wraps text in an OSC 8 hyperlink to target, which must come
// from linkURL: terminals that support it open target on a click, others
// show text alone. The program writes the sequence itself, so a server can
// only ever link to an http(s) URL it also shows.
func hyperlink(target, text string) string {
	return "\x1b]8;;" + target + "\x1b\\" + text + "\x1b]8;;\x1b\\"
}

// linkLabel is how a link shows where there is little room: without its
// scheme, cut with "…" to width cells.
func linkLabel(target string, width int) string {
	l := strings.TrimPrefix(strings.TrimPrefix(target, "https://"), "http://")
	if len(l) > width {
		l = l[:max(width-1, 0)] + "…"
	}
	return l
}

// cardLinks are the links of a card's parameters, in order.
func cardLinks(c api.Card) []string {
	var out []string
	for _, p := range c.Parameters {
		if u, ok := linkURL(p.Value.String()); ok {
			out = append(out, u)
		}
	}
	return out
}

// entryCards are the product cards of an entry (variants after them).
func entryCards(e Entry) []api.Card {
	prods, vars := e.Msg.Products()
	return append(append([]api.Card(nil), prods...), vars...)
}
