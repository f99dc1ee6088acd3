// Package api is a client for the AUI Messaging API (the "ia-controller"
// external API): tasks, transcripts, blocking sends over REST and streamed
// replies over a WebSocket session.
//
// It imports no UI package and can be used on its own as a library. Payloads
// are decoded leniently because AUI's documentation describes several shapes
// for the same data (see the field comments); unknown fields are ignored and
// missing arrays decode as empty slices.
package api

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ActorType says who sent or received a message.
type ActorType string

// Actor types documented by AUI.
const (
	ActorUser       ActorType = "user"
	ActorAgent      ActorType = "agent"
	ActorThirdParty ActorType = "3p"
)

// Party is one side of a message (AUI's ExternalTaskMessageContactParty).
type Party struct {
	ID    string    `json:"id"`
	Type  ActorType `json:"type"`
	Email *string   `json:"email"`
}

// Task is a conversation between one user and the agent
// (AUI's CreateTaskResponse, also the item of a task listing).
type Task struct {
	ID                  string   `json:"id"`
	UserID              string   `json:"user_id"`
	Title               string   `json:"title"`
	WelcomeMessage      string   `json:"welcome_message,omitempty"`
	FollowupSuggestions []string `json:"followup_suggestions"`
}

// UnmarshalJSON accepts null for the optional fields and never leaves
// FollowupSuggestions nil.
func (t *Task) UnmarshalJSON(b []byte) error {
	var w struct {
		ID                  string   `json:"id"`
		UserID              string   `json:"user_id"`
		Title               string   `json:"title"`
		WelcomeMessage      *string  `json:"welcome_message"`
		FollowupSuggestions []string `json:"followup_suggestions"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*t = Task{ID: w.ID, UserID: w.UserID, Title: w.Title, FollowupSuggestions: nonNil(w.FollowupSuggestions)}
	if w.WelcomeMessage != nil {
		t.WelcomeMessage = *w.WelcomeMessage
	}
	return nil
}

// TaskPage is one page of a user's tasks. Pages are 1-based; the API gives no
// cursor, so the number of pages comes from Total and Size.
type TaskPage struct {
	Tasks []Task `json:"tasks"`
	Total int    `json:"total"`
	Page  int    `json:"page"`
	Size  int    `json:"size"`

	// Raw is the page exactly as received (empty for a page made
	// locally), for output that must not rewrite what the server sent:
	// the decoded fields above fill in what the server left out.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the page and keeps the bytes in Raw.
func (p *TaskPage) UnmarshalJSON(b []byte) error {
	type plain TaskPage // without this method, to not recurse
	var w plain
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*p = TaskPage(w)
	p.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// Pages is the number of pages the listing has at its page size (at least 1).
func (p TaskPage) Pages() int {
	if p.Size <= 0 || p.Total <= 0 {
		return 1
	}
	return (p.Total + p.Size - 1) / p.Size
}

// MessageContext is the optional context sent with a user message.
type MessageContext struct {
	URL            string         `json:"url,omitempty"`
	LeadDetails    map[string]any `json:"lead_details,omitempty"`
	WelcomeMessage string         `json:"welcome_message,omitempty"`
}

// Parameter is one "title: value" row of a product (AUI's
// ExternalTaskMessageOptionParameter and CardParameter).
type Parameter struct {
	Title string     `json:"title"`
	Value ParamValue `json:"value"`
	Type  string     `json:"type,omitempty"`
	Param string     `json:"param,omitempty"`
	Name  *string    `json:"name,omitempty"`
}

// ParamValue keeps a parameter value as received: AUI documents it as a
// string, a number, an array of strings or nulls, or null.
type ParamValue struct {
	// raw is the JSON text. A string rather than bytes: it is never changed,
	// so equal values of a transcript can share one copy (see packer), and
	// it is smaller than a slice, which counts across the hundreds of
	// thousands of parameters of a long transcript.
	raw string
}

// StringValue makes a ParamValue holding a JSON string.
func StringValue(s string) ParamValue {
	b, _ := json.Marshal(s)
	return ParamValue{raw: string(b)}
}

// NumberValue makes a ParamValue holding a JSON number.
func NumberValue(f float64) ParamValue {
	return ParamValue{raw: strconv.FormatFloat(f, 'f', -1, 64)}
}

// ListValue makes a ParamValue holding a JSON array of strings.
func ListValue(items ...string) ParamValue {
	b, _ := json.Marshal(items)
	return ParamValue{raw: string(b)}
}

// UnmarshalJSON keeps the raw bytes.
func (v *ParamValue) UnmarshalJSON(b []byte) error {
	v.raw = string(b)
	return nil
}

// MarshalJSON writes the value back as received (null when empty).
func (v ParamValue) MarshalJSON() ([]byte, error) {
	if len(v.raw) == 0 {
		return []byte("null"), nil
	}
	return []byte(v.raw), nil
}

// IsNull reports whether the value is missing or JSON null.
func (v ParamValue) IsNull() bool {
	t := strings.TrimSpace(v.raw)
	return len(t) == 0 || t == "null"
}

// String formats the value for display: strings as they are, numbers in
// their shortest form, arrays joined with ", ", null as "".
func (v ParamValue) String() string {
	if v.IsNull() {
		return ""
	}
	if s, ok := plainString(v.raw); ok {
		return s
	}
	raw := []byte(v.raw)
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&n) == nil {
		return n.String()
	}
	var list []any
	if json.Unmarshal(raw, &list) == nil {
		parts := make([]string, 0, len(list))
		for _, it := range list {
			switch x := it.(type) {
			case nil:
			case string:
				parts = append(parts, x)
			default:
				b, _ := json.Marshal(x)
				parts = append(parts, string(b))
			}
		}
		return strings.Join(parts, ", ")
	}
	return strings.TrimSpace(v.raw)
}

// plainString reads a JSON string that has no escapes, the usual case, as
// json.Unmarshal would but without copying it: the result shares raw's
// memory. ok is false for anything else.
func plainString(raw string) (s string, ok bool) {
	t := strings.TrimSpace(raw)
	if len(t) < 2 || t[0] != '"' || t[len(t)-1] != '"' {
		return "", false
	}
	s = t[1 : len(t)-1]
	ascii := true
	for i := 0; i < len(s); i++ {
		// Escapes and control characters (invalid in JSON) take the slow
		// path, and so does text that is not UTF-8, which json.Unmarshal
		// repairs.
		switch c := s[i]; {
		case c == '\\' || c == '"' || c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii && !utf8.ValidString(s) {
		return "", false
	}
	return s, true
}

// ProductOption is one product recommendation in the older message shape
// (AUI's ExternalTaskMessageOption).
type ProductOption struct {
	IsRecommended    bool        `json:"is_recommended"`
	WidgetParameters []Parameter `json:"widget_parameters"`
}

// Card is one product recommendation in the newer message shape.
type Card struct {
	ID            string      `json:"id"`
	Name          string      `json:"name"`
	Parameters    []Parameter `json:"parameters"`
	IsRecommended bool        `json:"is_recommended"`
	Category      string      `json:"category,omitempty"`
	SubEntities   []SubEntity `json:"sub_entities,omitempty"`
}

// SubEntity groups a card's variants (the nearest thing to variants in the
// cards shape).
type SubEntity struct {
	Name  string          `json:"name"`
	Items []SubEntityItem `json:"items"`
}

// SubEntityItem is one variant of a card.
type SubEntityItem struct {
	Parameters []Parameter `json:"parameters"`
	Index      *int        `json:"index,omitempty"`
}

// Labels names each variant by its parameter values joined with " · "
// ("Black Stainless"), or by its position ("#2") when it has none. The text
// is the server's, unsanitised.
func (s SubEntity) Labels() []string {
	out := make([]string, 0, len(s.Items))
	for i, it := range s.Items {
		var vals []string
		for _, p := range it.Parameters {
			if v := p.Value.String(); v != "" {
				vals = append(vals, v)
			}
		}
		if len(vals) == 0 {
			n := i + 1
			if it.Index != nil {
				n = *it.Index + 1
			}
			vals = append(vals, "#"+strconv.Itoa(n))
		}
		out = append(out, strings.Join(vals, " · "))
	}
	return out
}

// Message is one turn of a conversation (AUI's ExternalTaskMessage). Both
// product shapes are kept: Options/VariantsOptions (older) and Cards (newer).
type Message struct {
	ID                  string          `json:"id"`
	CreatedAt           Timestamp       `json:"created_at"`
	Text                string          `json:"text"`
	Sender              Party           `json:"sender"`
	Receiver            Party           `json:"receiver"`
	Options             []ProductOption `json:"options"`
	VariantsOptions     []ProductOption `json:"variants_options"`
	Cards               []Card          `json:"cards,omitempty"`
	FollowupSuggestions []string        `json:"followup_suggestions"`

	// Raw holds the JSON object exactly as received, for inspection and
	// export; it is empty for messages built locally.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes leniently: arrays missing or null become empty
// slices, and the received bytes are kept in Raw.
func (m *Message) UnmarshalJSON(b []byte) error {
	// b belongs to the caller (often a decoder's buffer), so Raw needs a
	// copy of it; the fields are then decoded from that copy.
	return m.decode(append(json.RawMessage(nil), b...))
}

// decode fills m from raw and keeps raw as m.Raw, so raw must not change
// afterwards.
func (m *Message) decode(raw json.RawMessage) error {
	type plain Message // without the UnmarshalJSON method, to not recurse
	// Straight into m rather than into a temporary copied over it: the
	// temporary would escape to the heap, an extra allocation per message.
	*m = Message{}
	if err := json.Unmarshal(raw, (*plain)(m)); err != nil {
		return err
	}
	m.Options = nonNil(m.Options)
	m.VariantsOptions = nonNil(m.VariantsOptions)
	m.FollowupSuggestions = nonNil(m.FollowupSuggestions)
	m.Raw = raw
	return nil
}

// FromAgent reports whether the agent (or a third party) sent the message,
// as opposed to the user.
func (m Message) FromAgent() bool {
	return m.Sender.Type != ActorUser
}

// Products returns the message's recommendations in one shape, whichever
// shape the server used: cards first, then options; variants separately.
func (m Message) Products() (products, variants []Card) {
	products = append(products, m.Cards...)
	for _, o := range m.Options {
		products = append(products, optionCard(o))
	}
	for _, o := range m.VariantsOptions {
		variants = append(variants, optionCard(o))
	}
	return products, variants
}

// optionCard turns an older-shape option into a card, taking its name from
// the "Product name" parameter when there is one.
func optionCard(o ProductOption) Card {
	c := Card{IsRecommended: o.IsRecommended}
	for _, p := range o.WidgetParameters {
		if c.Name == "" && strings.EqualFold(p.Title, "Product name") {
			c.Name = p.Value.String()
			continue
		}
		c.Parameters = append(c.Parameters, p)
	}
	return c
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
