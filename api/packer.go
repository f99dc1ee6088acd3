package api

import (
	"encoding/binary"
	"encoding/json"
	"unsafe"
)

// Bounds on what the packer remembers while it decodes a transcript, so
// that one with few repeats costs little: titles, types, product values and
// parameter lists repeat, long texts seldom do.
const (
	maxInternedLen = 256     // longest string shared
	maxListKey     = 4 << 10 // longest parameter list key remembered
	maxInterned    = 1 << 14 // entries per table
	maxKeyBytes    = 2 << 20 // bytes of list keys remembered, all told
)

// packer shrinks the messages of one transcript as they are decoded,
// without changing what they hold. The JSON decoder allocates every string
// anew and grows slices by doubling, so a long transcript of product
// recommendations holds the same products, their parameter titles, types
// and values thousands of times over, in slices with unused room. The
// packer keeps one copy of each repeated string and of each repeated
// parameter list, and moves slices into shared chunks of exactly the
// needed size.
//
// Strings cannot be changed, so sharing them is invisible. A shared
// parameter list is visible only to code that changes a list's elements in
// place, which TaskMessages documents; its capacity is cut to its length, so
// appending to it copies.
type packer struct {
	strs     map[string]string
	lists    map[string][]Parameter // parameter lists by listKey
	byJSON   map[string][]Parameter // parameter lists by their JSON text
	key      []byte                 // listKey's buffer, reused
	keyBytes int                    // bytes the list tables' keys hold
	params   slab[Parameter]
	options  slab[ProductOption]
	suggests slab[string]

	// Reused decoding room, so that decoding a message allocates little
	// beyond what the message keeps.
	wire    wireMessage
	optRoom [2][]wireOption // for Options and VariantsOptions
	optBuf  []ProductOption
	scratch []Parameter
}

func newPacker() *packer {
	return &packer{
		strs:     map[string]string{},
		lists:    map[string][]Parameter{},
		byJSON:   map[string][]Parameter{},
		params:   newSlab[Parameter](int(unsafe.Sizeof(Parameter{}))),
		options:  newSlab[ProductOption](int(unsafe.Sizeof(ProductOption{}))),
		suggests: newSlab[string](int(unsafe.Sizeof(""))),
		optRoom:  [2][]wireOption{make([]wireOption, 0, 16), make([]wireOption, 0, 16)},
	}
}

// decode fills m from raw, its JSON, which m keeps as Raw (so raw must not
// change afterwards), and packs it: Message.decode, for a transcript.
func (p *packer) decode(m *Message, raw []byte) error {
	*m = Message{}
	w := &p.wire
	w.plainMessage = (*plainMessage)(m)
	w.Options = p.room(&p.optRoom[0])
	w.VariantsOptions = p.room(&p.optRoom[1])
	err := json.Unmarshal(raw, w)
	w.plainMessage = nil
	if err != nil {
		return wireError(err)
	}
	m.Options = p.productOptions(w.Options, &p.optRoom[0])
	m.VariantsOptions = p.productOptions(w.VariantsOptions, &p.optRoom[1])
	m.FollowupSuggestions = nonNil(m.FollowupSuggestions)
	m.Raw = raw
	p.message(m)
	return nil
}

// room readies reused options to decode into. The decoder fills a slice's
// existing elements before it grows the slice, and does not zero them, so
// each is reset, carrying the packer for its parameter list.
func (p *packer) room(r *[]wireOption) []wireOption {
	s := (*r)[:cap(*r)]
	for i := range s {
		s[i] = wireOption{WidgetParameters: paramsJSON{pk: p}}
	}
	return s[:0]
}

// productOptions turns decoded options into the message's, in the slab.
// Options are never missing from a decoded message: like
// Message.UnmarshalJSON, a missing or null list gives an empty one.
func (p *packer) productOptions(ws []wireOption, r *[]wireOption) []ProductOption {
	if cap(ws) > cap(*r) {
		*r = ws[:0] // the decoder grew the room: keep the larger one
	}
	if len(ws) == 0 {
		return []ProductOption{}
	}
	buf := p.optBuf[:0]
	for i := range ws {
		o := ProductOption(ws[i].plainOption)
		o.WidgetParameters = ws[i].WidgetParameters.ps
		if !ws[i].WidgetParameters.packed {
			o.WidgetParameters = p.parameters(o.WidgetParameters)
		}
		buf = append(buf, o)
	}
	p.optBuf = buf
	return p.options.copy(buf)
}

// parametersJSON decodes one parameter list from its JSON text, b, which it
// does not keep. A list whose text was seen before is not decoded again.
func (p *packer) parametersJSON(b []byte) ([]Parameter, error) {
	if ps, ok := p.byJSON[string(b)]; ok {
		return ps, nil
	}
	// Reused elements keep what an earlier list put there, and the decoder
	// leaves fields the JSON lacks as they are.
	clear(p.scratch[:cap(p.scratch)])
	ps := p.scratch[:0]
	if err := json.Unmarshal(b, &ps); err != nil {
		return nil, err
	}
	if cap(ps) > cap(p.scratch) {
		p.scratch = ps[:0]
	}
	var out []Parameter
	switch {
	case ps == nil: // null
	case len(ps) == 0:
		out = []Parameter{}
	default:
		out = p.parameters(ps) // copies out of the reused room
	}
	if p.canRemember(len(b), len(p.byJSON)) {
		p.byJSON[string(b)] = out
	}
	return out, nil
}

// canRemember reports whether a list key of n bytes may be added to a
// table of entries; it counts the bytes when so.
func (p *packer) canRemember(n, entries int) bool {
	if n > maxListKey || entries >= maxInterned || p.keyBytes+n > maxKeyBytes {
		return false
	}
	p.keyBytes += n
	return true
}

// message packs what decode leaves: parties, cards and suggestions.
func (p *packer) message(m *Message) {
	p.party(&m.Sender)
	p.party(&m.Receiver)
	for i := range m.Cards {
		p.card(&m.Cards[i])
	}
	for i, s := range m.FollowupSuggestions {
		m.FollowupSuggestions[i] = p.str(s)
	}
	m.FollowupSuggestions = p.suggests.copy(m.FollowupSuggestions)
}

func (p *packer) party(pt *Party) {
	pt.ID = p.str(pt.ID)
	pt.Type = ActorType(p.str(string(pt.Type)))
}

func (p *packer) card(c *Card) {
	c.Name = p.str(c.Name)
	c.Category = p.str(c.Category)
	c.Parameters = p.parameters(c.Parameters)
	for i := range c.SubEntities {
		se := &c.SubEntities[i]
		se.Name = p.str(se.Name)
		for j := range se.Items {
			se.Items[j].Parameters = p.parameters(se.Items[j].Parameters)
		}
	}
}

// parameters returns a packed copy of ps: an equal list the transcript
// already holds, or ps with its strings shared, copied into the slab.
func (p *packer) parameters(ps []Parameter) []Parameter {
	if len(ps) == 0 {
		return ps
	}
	key := p.listKey(ps)
	if shared, ok := p.lists[string(key)]; ok {
		return shared
	}
	for i := range ps {
		prm := &ps[i]
		prm.Title = p.str(prm.Title)
		prm.Type = p.str(prm.Type)
		prm.Param = p.str(prm.Param)
		prm.Value.raw = p.str(prm.Value.raw)
	}
	packed := p.params.copy(ps)
	if p.canRemember(len(key), len(p.lists)) {
		p.lists[string(key)] = packed
	}
	return packed
}

// listKey encodes everything a parameter list holds, so equal keys mean
// equal lists. Each field is preceded by its length, which keeps fields
// apart whatever bytes they contain.
func (p *packer) listKey(ps []Parameter) []byte {
	k := p.key[:0]
	field := func(s string) {
		k = binary.AppendUvarint(k, uint64(len(s)))
		k = append(k, s...)
	}
	for _, prm := range ps {
		field(prm.Title)
		field(prm.Type)
		field(prm.Param)
		field(prm.Value.raw)
		if prm.Name == nil {
			k = append(k, 0)
		} else {
			k = append(k, 1)
			field(*prm.Name)
		}
	}
	p.key = k
	return k
}

// str returns the copy of s the transcript already holds, or s, which it
// remembers (the table's key is s itself, not a copy). Long strings, and
// strings past maxInterned distinct ones, are returned as they are.
func (p *packer) str(s string) string {
	if s == "" || len(s) > maxInternedLen {
		return s
	}
	if v, ok := p.strs[s]; ok {
		return v
	}
	if len(p.strs) < maxInterned {
		p.strs[s] = s
	}
	return s
}
