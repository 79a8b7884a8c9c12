package economy_test

import (
	"fmt"
	"strings"

	"gonum.org/v1/gonum/mat"

	"blueprint/economy"
)

// The two-sector example of Miller & Blair (2009), chapter 2.
func Example() {
	src := `# unit: $ million
SECTOR,NAME,1,2,FD,X
1,Sector 1,150,500,350,1000
2,Sector 2,200,100,1700,2000
VA,Value added,650,1400,,
`
	tab, err := economy.ReadTable(strings.NewReader(src), "millerblair.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := economy.NewModel(tab, 1e-9)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("L = %.4f\n", mat.Formatted(m.Leontief(), mat.Prefix("    ")))
	fmt.Printf("output multipliers %.4f\n", m.Multipliers().Output)
	eff, _ := m.Effects(mat.NewDense(2, 1, []float64{100, 0}))
	fmt.Printf("Δx for Δf1 = 100: %.2f\n", mat.Formatted(eff.Output.T()))
	// Output:
	// L = ⎡1.2541  0.3300⎤
	//     ⎣0.2640  1.1221⎦
	// output multipliers [1.5182 1.4521]
	// Δx for Δf1 = 100: [125.41   26.40]
}
