package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Lang is a report language.
type Lang string

// The report languages.
const (
	EN Lang = "en"
	ZH Lang = "zh"
)

// ParseLangs reads --lang: "en", "zh" or "both".
func ParseLangs(s string) ([]Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "en", "":
		return []Lang{EN}, nil
	case "zh", "cn", "zh-cn":
		return []Lang{ZH}, nil
	case "both", "all", "en,zh", "zh,en":
		return []Lang{EN, ZH}, nil
	}
	return nil, fmt.Errorf("report: unknown language %q (want en, zh or both)", s)
}

// zhCatalog holds the Chinese messages: one "English<TAB>Chinese" pair a
// line; # starts a comment. Verbs are %[n]s so a translation may reorder
// them. Entries after a "#data" line translate names from the data
// (scenarios, sectors, measures) rather than the report's own messages.
//
//go:embed messages.zh.tsv
var zhCatalog string

// enNames holds English names for codes of the data (sectors, fuels,
// emissions, units): "code<TAB>English" lines, # comments.
//
//go:embed names.en.tsv
var enNames string

var (
	enOnce sync.Once
	enMap  map[string]string
	enErr  error
)

// englishNames parses enNames once; a malformed line is an error naming it.
func englishNames() (map[string]string, error) {
	enOnce.Do(func() {
		enMap = map[string]string{}
		for i, l := range strings.Split(enNames, "\n") {
			if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
				continue
			}
			code, name, ok := strings.Cut(l, "\t")
			if !ok || code == "" || strings.TrimSpace(name) == "" {
				enErr = fmt.Errorf("report: names.en.tsv:%d: want code<TAB>English", i+1)
				return
			}
			enMap[code] = strings.TrimSpace(name)
		}
	})
	return enMap, enErr
}

var (
	catalogOnce sync.Once
	catalogZH   map[string]string
	catalogData map[string]bool // entries after "#data": names from the data
	catalogErr  error
)

// catalog parses zhCatalog once; a malformed line is an error naming it.
func catalog() (map[string]string, error) {
	catalogOnce.Do(func() {
		catalogZH, catalogData = map[string]string{}, map[string]bool{}
		sc := bufio.NewScanner(strings.NewReader(zhCatalog))
		line := 0
		data := false
		for sc.Scan() {
			line++
			s := sc.Text()
			if strings.TrimSpace(s) == "#data" {
				data = true
				continue
			}
			if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
				continue
			}
			en, zh, ok := strings.Cut(s, "\t")
			if !ok || en == "" || strings.TrimSpace(zh) == "" {
				catalogErr = fmt.Errorf("report: messages.zh.tsv:%d: want English<TAB>Chinese", line)
				return
			}
			if _, dup := catalogZH[en]; dup {
				catalogErr = fmt.Errorf("report: messages.zh.tsv:%d: %q given twice", line, en)
				return
			}
			catalogZH[en] = strings.TrimSpace(zh)
			if data {
				catalogData[en] = true
			}
		}
	})
	return catalogZH, catalogErr
}

// tr translates the report's text into one language.
type tr struct {
	lang    Lang
	cat     map[string]string
	names   map[string]string // English names of data codes
	missing map[string]bool   // messages without a translation (tests)
}

func newTr(lang Lang) (*tr, error) {
	t := &tr{lang: lang, missing: map[string]bool{}}
	names, err := englishNames()
	if err != nil {
		return nil, err
	}
	t.names = names
	if lang == ZH {
		c, err := catalog()
		if err != nil {
			return nil, err
		}
		t.cat = c
	}
	return t, nil
}

// T translates a message of the report (a literal in this package).
func (t *tr) T(s string) string {
	if t.lang == EN || s == "" {
		return s
	}
	if v, ok := t.cat[s]; ok {
		return v
	}
	t.missing[s] = true
	return s
}

// F translates format and fills it; args are already formatted strings.
func (t *tr) F(format string, args ...any) string {
	return fmt.Sprintf(t.T(format), args...)
}

// Name translates a name from the data (sector, measure, fuel, scenario)
// when the catalog has it, else keeps it.
// In English a code of the data (power_heat, NGAS) gets its English name.
func (t *tr) Name(s string) string {
	if t.lang == EN {
		if v, ok := t.names[s]; ok {
			return v
		}
		return s
	}
	if v, ok := t.cat[s]; ok {
		return v
	}
	if v, ok := t.names[s]; ok {
		if zh, ok := t.cat[v]; ok { // the code's English name has a translation
			return zh
		}
	}
	return s
}

// unitConv is how a unit is shown in a language: value × Factor, Label.
type unitConv struct {
	Factor float64
	Label  string
}

// zhUnits convert the model's units to those Chinese readers expect:
// emissions in 万吨 (10⁴ t), money in 亿元 (10⁸ CNY), energy in 万吨标准煤
// (10⁴ tce; 1 tce = 29.3076 GJ), power in 万千瓦 (10⁴ kW). Keys are
// normalised with unitKey.
var zhUnits = map[string]unitConv{
	"mtco2":            {100, "万吨二氧化碳"},
	"mtco2e":           {100, "万吨二氧化碳当量"},
	"mt":               {100, "万吨"},
	"ktco2":            {0.1, "万吨二氧化碳"},
	"tco2":             {1e-4, "万吨二氧化碳"},
	"millioncny":       {0.01, "亿元"},
	"mcny":             {0.01, "亿元"},
	"millionyuan":      {0.01, "亿元"},
	"billioncny":       {10, "亿元"},
	"cny":              {1e-8, "亿元"},
	"cny/tco2":         {1, "元/吨二氧化碳"},
	"millioncny/mt":    {1, "元/吨"},
	"millioncny/mtco2": {1, "元/吨二氧化碳"},
	"mcny/mtco2":       {1, "元/吨二氧化碳"},
	"mcny/mt":          {1, "元/吨"},
	"mcny/gw":          {0.01, "亿元/吉瓦"},
	"mcny/pj":          {1, "元/吉焦"},
	"pj":               {1e15 / 29.3076e9 / 1e4, "万吨标准煤"},
	"gw":               {100, "万千瓦"},
	"mw":               {0.01, "万千瓦"},
	"twh":              {10, "亿千瓦时"},
}

// enUnits convert money to billions in English (a city's totals run to
// millions of million CNY); other units keep the model's.
var enUnits = map[string]unitConv{
	"mcny":        {1e-3, "billion CNY"},
	"millioncny":  {1e-3, "billion CNY"},
	"millionyuan": {1e-3, "billion CNY"},
}

var reUnitSpace = regexp.MustCompile(`[\s_·₂]+`)

func unitKey(u string) string {
	k := strings.ToLower(reUnitSpace.ReplaceAllString(u, ""))
	k = strings.ReplaceAll(k, "co₂", "co2")
	return k
}

// unit returns how values in unit u are shown in t's language.
func (t *tr) unit(u string) unitConv {
	units := enUnits
	if t.lang == ZH {
		units = zhUnits
	}
	if c, ok := units[unitKey(u)]; ok {
		return c
	}
	return unitConv{1, t.Name(u)}
}

// num formats v with about three significant digits (no decimals from
// 100 up; at least one significant digit below 0.01), grouping thousands
// with commas; NaN prints as "–".
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	a := math.Abs(v)
	dec := 0
	switch {
	case a == 0:
	case a < 0.01:
		// At least one significant digit: a small non-zero value (a
		// stranded cost of 40 000 CNY in billion CNY) must not print as 0.
		dec = max(4, -int(math.Floor(math.Log10(a))))
	case a < 1:
		dec = 3
	case a < 10:
		dec = 2
	case a < 100:
		dec = 1
	}
	return group(strconv.FormatFloat(v, 'f', dec, 64))
}

// pct formats a share 0..1 as a percentage with one decimal.
func pct(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
}

// group inserts thousands separators into a formatted number.
func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// qty formats v in unit u as one string: "12.5 Mt CO2"; in Chinese
// without a space before a Chinese unit ("1,250万吨二氧化碳").
func (t *tr) qty(v float64, u string) string {
	n, l := t.amount(v, u)
	return t.join(n, l)
}

// join puts a number and its shown unit together.
func (t *tr) join(n, unit string) string {
	if unit == "" {
		return n
	}
	if t.lang == ZH {
		for _, r := range unit {
			if unicode.Is(unicode.Han, r) {
				return n + unit
			}
			break
		}
	}
	return n + " " + unit
}

// amount formats v (in unit u) in t's language: converted value and unit.
func (t *tr) amount(v float64, u string) (string, string) {
	c := t.unit(u)
	return num(v * c.Factor), c.Label
}

// reAssumption marks a SOURCE or NOTE that states an assumption.
var reAssumption = regexp.MustCompile(`(?i)assum|estimat|假设|估计|估算`)

// above formats a relative difference v (a fraction, v = a/b − 1) as a
// comparison with b: "95.7% below" or "7.5% above" ("低95.7%", "高7.5%").
func (t *tr) above(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "–"
	case v < 0:
		return t.F("%[1]s below", pct(-v))
	case v > 0:
		return t.F("%[1]s above", pct(v))
	}
	return t.T("level with")
}

// higher formats an absolute difference v in unit u as "929 billion CNY
// higher" or "… lower" ("高9,292亿元", "低…").
func (t *tr) higher(v float64, u string) string {
	if v < 0 {
		return t.F("%[1]s lower", t.qty(-v, u))
	}
	return t.F("%[1]s higher", t.qty(v, u))
}
