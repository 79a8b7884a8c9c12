package model

// TechGroup assigns a technology to a sector (buildings, transport, power,
// ...) and a measure (the abatement option it belongs to, e.g. "heat pumps"
// or "coal phase-out"). Groups are optional model metadata, read from
// TechnologyGroup.csv in an otoole folder; the analyses (MACC attribution,
// wedges, decomposition) and the report aggregate by them.
type TechGroup struct {
	Technology, Sector, Measure string
}

// GroupOf returns the group of technology t, or a group naming t as its own
// sector and measure when the model assigns none.
func (m *Model) GroupOf(t string) TechGroup {
	for _, g := range m.Groups {
		if g.Technology == t {
			return g
		}
	}
	return TechGroup{Technology: t, Sector: t, Measure: t}
}

// Extensions are Blueprint's own parameters, which the reference
// osemosys.txt does not declare. Writers leave them out while unused (see
// [Param.Unused]) so that a written OSeMOSYS model still runs with glpsol,
// directly or through otoole.
var Extensions = map[string]bool{"EarlyRetirementAllowed": true, "RetirementCost": true}

// Unused reports whether p is 0 everywhere: default 0 and no other value.
func (p *Param) Unused() bool {
	if p.Default != 0 {
		return false
	}
	for _, v := range p.vals {
		if v != 0 {
			return false
		}
	}
	return true
}

// OmitOnWrite reports whether writers should leave p out: an unused
// Blueprint extension parameter.
func (p *Param) OmitOnWrite() bool { return Extensions[p.Name] && p.Unused() }
