package beijing_test

import (
	"fmt"

	"blueprint/dataset/beijing"
)

// The embedded model and its scenarios.
func Example() {
	m, err := beijing.Base()
	if err != nil {
		fmt.Println(err)
		return
	}
	years := m.Set("YEAR").Elems
	fmt.Println(m.Set("REGION").Elems, years[0], "to", years[len(years)-1])
	fmt.Println(len(m.Set("TIMESLICE").Elems), "timeslices,", len(m.Groups), "technologies with a sector and a measure")
	fmt.Println(m.Set("EMISSION").Elems)
	fmt.Println(beijing.ScenarioNames())
	n, err := beijing.Scenario("neutral2050")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n.Scenario, n.GroupOf("OFFSETS").Sector)
	// Output:
	// [BEIJING] 2019 to 2050
	// 9 timeslices, 77 technologies with a sector and a measure
	// [CO2_S1 CO2_AV CO2_S2 CO2_TOT ENE]
	// [reference policy neutral2050]
	// neutral2050 offsets
}
