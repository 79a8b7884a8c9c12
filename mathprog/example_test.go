package mathprog_test

import (
	"fmt"
	"strings"

	"blueprint/mathprog"
	"blueprint/model"
)

func Example() {
	data := `
set REGION := R1;
set TECHNOLOGY := COAL GAS;
set YEAR := 2020 2021;
param OperationalLife default 1 := R1 COAL 40;
param CapitalCost default 0 :=
[R1,*,*]: 2020 2021 :=
COAL      1400 1380
GAS        900    .
;
end;
`
	m := model.New(model.DefaultSchema())
	if err := mathprog.Read(strings.NewReader(data), "example.txt", m); err != nil {
		fmt.Println(err)
		return
	}
	cc := m.Param("CapitalCost")
	gas, _ := m.Set("TECHNOLOGY").Index("GAS")
	y2021, _ := m.Set("YEAR").Index("2021")
	v, given := cc.Get(0, gas, y2021)
	fmt.Println(cc.NumEntries(), v, given)

	var b strings.Builder
	if err := mathprog.Write(&b, m); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "R1 ") || strings.HasPrefix(line, "param CapitalCost ") {
			fmt.Println(line)
		}
	}
	// Output:
	// 3 0 false
	// param CapitalCost default 0 :=
	// R1 COAL 2020 1400
	// R1 COAL 2021 1380
	// R1 GAS 2020 900
	// R1 COAL 40
}
