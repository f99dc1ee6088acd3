package demo

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

// superlativeQuestions ask for each superlative the agent answers, with
// the figure it is about and whether the lowest figure wins.
var superlativeQuestions = []struct {
	say    string
	figure func(product) float64
	low    bool
}{
	{"which one is the quietest?", func(p product) float64 { n, _ := noiseDB(p); return float64(n) }, true},
	{"which is the cheapest?", func(p product) float64 { return float64(p.Price) }, true},
	{"which is the most expensive?", func(p product) float64 { return float64(p.Price) }, false},
	{"which one is the biggest?", func(p product) float64 { return p.Capacity }, false},
	{"which one is the smallest?", func(p product) float64 { return p.Capacity }, true},
	{"which is the best rated?", func(p product) float64 { return p.Rating }, false},
}

var reBold = regexp.MustCompile(`\*\*([^*]+)\*\*`)

// TestSuperlativeNamesEveryWinner asks every superlative about every set of
// two to four products of each category and checks that the answer's first
// sentence names exactly the products with the extreme figure: a tie is
// never presented as a single winner, and the recommended card is one of
// the winners.
func TestSuperlativeNamesEveryWinner(t *testing.T) {
	byCat := map[string][]product{}
	for _, p := range catalog {
		byCat[p.Cat.Key] = append(byCat[p.Cat.Key], p)
	}
	checked, ties := 0, 0
	for _, ps := range byCat {
		for _, set := range subsets(ps, 2, 4) {
			for _, sq := range superlativeQuestions {
				st := convState{Cat: set[0].Cat.Key, Shown: skus(showAs(set, "")), Pick: set[0].SKU}
				r := respond(&st, sq.say, "")
				head, _, _ := strings.Cut(r.Text, "\n")
				if !strings.Contains(head, "of these") {
					t.Fatalf("%v %q: not a superlative answer:\n%s", st.Shown, sq.say, r.Text)
				}
				extreme := sq.figure(set[0])
				for _, p := range set {
					if v := sq.figure(p); v < extreme == sq.low && v != extreme {
						extreme = v
					}
				}
				var want []string
				for _, p := range set {
					if sq.figure(p) == extreme {
						want = append(want, p.shortName())
					}
				}
				var got []string
				for _, m := range reBold.FindAllStringSubmatch(head, -1) {
					if _, isName := productByShortName(m[1]); isName {
						got = append(got, m[1])
					}
				}
				sort.Strings(want)
				sort.Strings(got)
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%v %q: names %q, want %q:\n%s", skus(showAs(set, "")), sq.say, got, want, head)
				}
				_, pick := cardSKUs(t, r.Options)
				if p, _ := productBySKU(pick); sq.figure(p) != extreme {
					t.Errorf("%v %q: recommends %s, not one of %q", skus(showAs(set, "")), sq.say, pick, want)
				}
				checked++
				if len(want) > 1 {
					ties++
				}
			}
		}
	}
	if ties == 0 || checked < 1000 {
		t.Errorf("checked %d answers with %d ties: the catalog no longer exercises ties", checked, ties)
	}
}

// subsets lists the subsets of ps with min to max members, in catalog order.
func subsets(ps []product, min, max int) [][]product {
	var out [][]product
	for mask := 1; mask < 1<<len(ps); mask++ {
		var set []product
		for i, p := range ps {
			if mask&(1<<i) != 0 {
				set = append(set, p)
			}
		}
		if len(set) >= min && len(set) <= max {
			out = append(out, set)
		}
	}
	return out
}

func productByShortName(name string) (product, bool) {
	for _, p := range catalog {
		if p.shortName() == name {
			return p, true
		}
	}
	return product{}, false
}
