package api

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// parseErrorBody builds an APIError from any of the error bodies AUI is known
// to send (aui-api.md §5 and the WebSocket error frame):
//
//	{"detail":"Not authenticated"}
//	{"detail":[{"loc":["body","task_id"],"msg":"field required","type":"value_error.missing"}]}
//	{"status_code":401,"errors":["Unauthorized"]}
//	{"errors":[{"loc":["body",0],"msg":"…","type":"…"}]}
//	{"status_code":400,"description":"…","message":"…","extra_data":{…}}
//
// and from bodies that are not JSON at all (an HTML page from a proxy, plain
// text). status is the HTTP status; 0 takes the status_code from the body.
// key is removed from every string taken from the body.
func parseErrorBody(status int, body []byte, key string) *APIError {
	e := &APIError{StatusCode: status}
	b := bytes.TrimSpace(body)
	var obj map[string]json.RawMessage
	if len(b) > 0 && b[0] == '{' && json.Unmarshal(b, &obj) == nil {
		fillErrorFields(e, obj)
	} else {
		e.Description = plainReason(b)
	}
	e.scrub(key)
	return e
}

// fillErrorFields reads the documented keys, accepting every type each one
// has been seen with and ignoring the rest.
func fillErrorFields(e *APIError, obj map[string]json.RawMessage) {
	if e.StatusCode == 0 {
		e.StatusCode = lenientInt(obj["status_code"])
	}
	e.Description = jsonString(obj["description"])
	e.Message = jsonString(obj["message"])
	var extra map[string]any
	if raw, ok := obj["extra_data"]; ok && json.Unmarshal(raw, &extra) == nil {
		e.Extra = extra
	}
	var reasons []string
	for _, k := range []string{"detail", "errors", "error"} {
		rs, ds := errorItems(obj[k])
		reasons = append(reasons, rs...)
		e.Details = append(e.Details, ds...)
	}
	if e.Description == "" && len(reasons) > 0 {
		e.Description = strings.Join(reasons, "; ")
	}
}

// errorItems reads a "detail"/"errors" value: a string, an object, or an
// array of strings and objects. Strings become reasons, objects with a
// message become validation details.
func errorItems(raw json.RawMessage) (reasons []string, details []ValidationDetail) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, nil
	}
	var items []json.RawMessage
	if raw[0] == '[' {
		if json.Unmarshal(raw, &items) != nil {
			return nil, nil
		}
	} else {
		items = []json.RawMessage{raw}
	}
	for _, it := range items {
		if s := jsonString(it); s != "" {
			reasons = append(reasons, s)
			continue
		}
		var d struct {
			Loc     json.RawMessage `json:"loc"`
			Msg     string          `json:"msg"`
			Message string          `json:"message"`
			Type    string          `json:"type"`
		}
		if json.Unmarshal(it, &d) != nil {
			continue
		}
		vd := ValidationDetail{Loc: locParts(d.Loc), Msg: firstNonEmpty(d.Msg, d.Message), Type: d.Type}
		if vd.Msg != "" || len(vd.Loc) > 0 {
			details = append(details, vd)
		}
	}
	return reasons, details
}

// locParts reads a validation location: an array of strings and integers, or
// a single string.
func locParts(raw json.RawMessage) []string {
	var parts []any
	if json.Unmarshal(raw, &parts) != nil {
		if s := jsonString(raw); s != "" {
			return []string{s}
		}
		return nil
	}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			out = append(out, v)
		case float64:
			out = append(out, strconv.FormatFloat(v, 'f', -1, 64))
		case nil:
		default:
			b, _ := json.Marshal(v)
			out = append(out, string(b))
		}
	}
	return out
}

func jsonString(raw json.RawMessage) string {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// lenientInt reads a JSON number or a numeric string; anything else is 0.
func lenientInt(raw json.RawMessage) int {
	var n json.Number
	if len(raw) == 0 || json.Unmarshal(raw, &n) != nil {
		if s := jsonString(raw); s != "" {
			v, _ := strconv.Atoi(strings.TrimSpace(s))
			return v
		}
		return 0
	}
	v, err := n.Int64()
	if err != nil {
		f, _ := n.Float64()
		return int(f)
	}
	return int(v)
}

var (
	htmlTitle = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)
	htmlTag   = regexp.MustCompile(`(?s)<[^>]*>`)
)

// plainReason finds something worth showing in a body that is not JSON: the
// title of an HTML page ("502 Bad Gateway"), a bare JSON string, or the
// first line of plain text. Markup and other JSON are never shown.
func plainReason(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if m := htmlTitle.FindSubmatch(b); m != nil {
		return string(htmlTag.ReplaceAll(m[1], nil))
	}
	if b[0] == '<' {
		return ""
	}
	if json.Valid(b) {
		// JSON that is not an error object is never shown raw.
		return jsonString(b)
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return string(line)
}

// scrub makes every server-supplied string safe to show: no API key, no
// key-bearing URL, no control characters, bounded length.
func (e *APIError) scrub(key string) {
	e.Description = safeText(e.Description, key)
	e.Message = safeText(e.Message, key)
	for i := range e.Details {
		d := &e.Details[i]
		d.Msg = safeText(d.Msg, key)
		d.Type = safeText(d.Type, key)
		for j := range d.Loc {
			d.Loc[j] = safeText(d.Loc[j], key)
		}
	}
	if e.Extra != nil {
		e.Extra = scrubValue(e.Extra, key).(map[string]any)
	}
}

// scrubValue applies safeText to every string inside a decoded JSON value.
func scrubValue(v any, key string) any {
	switch x := v.(type) {
	case string:
		return safeText(x, key)
	case map[string]any:
		for k, item := range x {
			x[k] = scrubValue(item, key)
		}
		return x
	case []any:
		for i, item := range x {
			x[i] = scrubValue(item, key)
		}
		return x
	}
	return v
}
