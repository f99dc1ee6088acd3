package config

import (
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// keyLines maps every key of a TOML document, dotted from the root
// ("profiles.prod.user"), to the line it is written on, so a problem found
// after decoding can still point the user at the line to fix. A document
// that does not parse yields what was read before the error; the decoder
// reports the error itself.
func keyLines(doc []byte) map[string]int {
	lines := map[string]int{}
	var p unstable.Parser
	p.Reset(doc)
	var table []string
	for p.NextExpression() {
		n := p.Expression()
		switch n.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = keyParts(n.Key())
			lines[strings.Join(table, ".")] = line(&p, n.Key())
		case unstable.KeyValue:
			full := append(append([]string(nil), table...), keyParts(n.Key())...)
			lines[strings.Join(full, ".")] = line(&p, n.Key())
		}
	}
	return lines
}

// keyParts is the parts of a (possibly dotted) key.
func keyParts(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

// line is the line a key starts on, 0 when unknown.
func line(p *unstable.Parser, it unstable.Iterator) int {
	if !it.Next() {
		return 0
	}
	return p.Shape(it.Node().Raw).Start.Line
}
