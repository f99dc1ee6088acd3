package api

import (
	"encoding/json"
	"strings"
	"time"
)

// Timestamp is a message time. AUI sends it in several forms
// ("2025-10-09 12:26:07.576000", "2025-11-12T14:03:46.984000",
// "2026-03-09T14:22:01.000Z"); all are accepted, a missing zone means UTC, and
// the text is kept so it can be written back unchanged.
type Timestamp struct {
	time.Time
	Raw string
}

// timestampLayouts are tried in order; the fraction is optional in each
// because Go accepts any fraction after a seconds field when parsing.
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02",
}

// ParseTimestamp parses any of the documented forms. Text it cannot parse
// gives a Timestamp with a zero Time and the text kept in Raw, and ok false.
func ParseTimestamp(s string) (ts Timestamp, ok bool) {
	ts.Raw = s
	v := strings.TrimSpace(s)
	if v == "" {
		return ts, false
	}
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			ts.Time = t
			return ts, true
		}
	}
	return ts, false
}

// Zoneless reports a time read from text that names no zone
// ("2025-10-09 12:26:07.576000"), which is taken as UTC: a guess worth
// telling the user about where the exact value matters.
func (ts Timestamp) Zoneless() bool {
	if ts.IsZero() || ts.Raw == "" {
		return false
	}
	v := strings.TrimSpace(ts.Raw)
	for _, layout := range timestampLayouts[:1] {
		if _, err := time.Parse(layout, v); err == nil {
			return false
		}
	}
	_, err := time.Parse("2006-01-02 15:04:05.999999999Z07:00", v)
	return err != nil
}

// NewTimestamp makes a Timestamp for t in the form AUI's G2 docs use.
func NewTimestamp(t time.Time) Timestamp {
	t = t.UTC()
	return Timestamp{Time: t, Raw: t.Format("2006-01-02T15:04:05.000Z")}
}

// UnmarshalJSON accepts a string in any documented form, or null. A string
// that cannot be parsed is kept in Raw rather than failing the whole message;
// a number is read as Unix time in seconds (or milliseconds when it is too
// large to be seconds); any other value gives a zero Timestamp.
func (ts *Timestamp) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*ts = Timestamp{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*ts, _ = ParseTimestamp(s)
		return nil
	}
	*ts = Timestamp{}
	var n float64
	if json.Unmarshal(b, &n) == nil && n > 0 {
		if n >= 1e12 {
			n /= 1000
		}
		sec := int64(n)
		ts.Time = time.Unix(sec, int64((n-float64(sec))*1e9)).UTC()
	}
	return nil
}

// MarshalJSON writes the timestamp as it was received, or in RFC 3339 form
// when it was made locally.
func (ts Timestamp) MarshalJSON() ([]byte, error) {
	if ts.Raw != "" {
		return json.Marshal(ts.Raw)
	}
	if ts.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(ts.Format("2006-01-02T15:04:05.000Z"))
}
