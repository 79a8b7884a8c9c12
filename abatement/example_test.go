package abatement_test

import (
	"fmt"

	"blueprint/abatement"
)

// One sector burns coal and gas; from 2020 to 2030 its activity doubles,
// it uses 20% less energy per unit and its fuel mix moves from 80% to 50%
// coal. Coal's cell keeps 4 units of CO2 (L = 4): activity 4·ln 2, intensity
// 4·ln 0.8, mix 4·ln(0.5/0.8); gas's grows from 0.5 to 2 (L = 1.5/ln 4):
// activity L·ln 2, intensity L·ln 0.8, mix L·ln(0.5/0.2).
func ExampleLMDI() {
	base := abatement.Period{
		Activity:  []float64{100},
		Energy:    []float64{40, 10}, // COAL, GAS
		Emissions: []float64{4, 0.5}, // 0.1 and 0.05 per unit of energy
	}
	final := abatement.Period{
		Activity:  []float64{200},
		Energy:    []float64{40, 40},
		Emissions: []float64{4, 2},
	}
	d, err := abatement.LMDI([]string{"industry"}, []string{"COAL", "GAS"}, base, final)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("change %.4f\n", d.TotalChange)
	for k := abatement.Effect(0); k < abatement.NumEffects; k++ {
		fmt.Printf("%-15s %8.4f\n", k, d.Total[k])
	}
	// Output:
	// change 1.5000
	// activity          3.5226
	// structure         0.0000
	// intensity        -1.1340
	// mix              -0.8886
	// emission_factor   0.0000
}
