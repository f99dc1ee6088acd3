package export

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Markdown syntax that plain text leaves out. Emphasis markers are removed
// only in pairs, so a lone "*" or a snake_case word is left alone.
var (
	mdImage      = regexp.MustCompile(`!\[([^\]]*)\]\(([^)\s]+)[^)]*\)`)
	mdLink       = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)[^)]*\)`)
	mdStrong     = regexp.MustCompile(`(\*\*|__)(\S|\S.*?\S)(\*\*|__)`)
	mdEm         = regexp.MustCompile(`(^|[^\w*])\*(\S(?:[^*]*?\S)?)\*`)
	mdCode       = regexp.MustCompile("`+([^`]+)`+")
	mdStrike     = regexp.MustCompile(`~~(\S|\S.*?\S)~~`)
	mdHeading    = regexp.MustCompile(`^\s{0,3}#{1,6}\s+`)
	mdBullet     = regexp.MustCompile(`^(\s*)[*+-]\s+`)
	mdQuote      = regexp.MustCompile(`^\s{0,3}>\s?`)
	mdRule       = regexp.MustCompile(`^\s{0,3}([-*_])(\s*[-*_]){2,}\s*$`)
	mdFence      = regexp.MustCompile("^\\s{0,3}(```|~~~)")
	mdTableDelim = regexp.MustCompile(`^:?-+:?$`)
	mdEscaped    = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|~>])`)
)

// Plain turns the markdown of a message into plain text: no emphasis,
// heading or code markers, links as "text (url)", bullets as "-", and
// tables as columns aligned with spaces. Text inside code blocks is kept as
// it is.
func Plain(md string) string {
	lines := strings.Split(md, "\n")
	var out []string
	inCode := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if mdFence.MatchString(l) {
			inCode = !inCode
			continue
		}
		if inCode {
			out = append(out, "  "+l)
			continue
		}
		if isTableRow(l) && i+1 < len(lines) && isDelimiterRow(lines[i+1]) {
			j := i
			var rows [][]string
			for j < len(lines) && isTableRow(lines[j]) {
				if j != i+1 {
					rows = append(rows, tableCells(lines[j]))
				}
				j++
			}
			out = append(out, alignColumns(rows)...)
			i = j - 1
			continue
		}
		if mdRule.MatchString(l) {
			out = append(out, "")
			continue
		}
		l = mdHeading.ReplaceAllString(l, "")
		l = mdQuote.ReplaceAllString(l, "  ")
		l = mdBullet.ReplaceAllString(l, "$1- ")
		out = append(out, inline(l))
	}
	return strings.Join(out, "\n")
}

// inline removes the inline markers of one line.
func inline(s string) string {
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdImage.ReplaceAllString(s, "$1 ($2)")
	s = mdLink.ReplaceAllStringFunc(s, func(m string) string {
		p := mdLink.FindStringSubmatch(m)
		if p[1] == p[2] {
			return p[2]
		}
		return p[1] + " (" + p[2] + ")"
	})
	s = mdStrong.ReplaceAllString(s, "$2")
	s = mdEm.ReplaceAllString(s, "$1$2")
	s = mdStrike.ReplaceAllString(s, "$1")
	return mdEscaped.ReplaceAllString(s, "$1")
}

func isTableRow(l string) bool {
	t := strings.TrimSpace(l)
	return strings.HasPrefix(t, "|") || strings.Count(t, "|") >= 2 && !strings.HasPrefix(t, "`")
}

func isDelimiterRow(l string) bool {
	cells := tableCells(l)
	if len(cells) == 0 {
		return false
	}
	for _, c := range cells {
		if !mdTableDelim.MatchString(strings.ReplaceAll(c, " ", "")) {
			return false
		}
	}
	return true
}

// tableCells splits a table row at the pipes that are not escaped.
func tableCells(l string) []string {
	t := strings.TrimSpace(l)
	t = strings.TrimPrefix(t, "|")
	if strings.HasSuffix(t, "|") && !strings.HasSuffix(t, `\|`) {
		t = t[:len(t)-1]
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '\\' && i+1 < len(t) && t[i+1] == '|':
			cur.WriteByte('|')
			i++
		case t[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(t[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

// alignColumns lays table rows out as columns two spaces apart.
func alignColumns(rows [][]string) []string {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			r[i] = inline(c)
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], ansi.StringWidth(r[i]))
		}
	}
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
			}
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	return out
}
