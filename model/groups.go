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
