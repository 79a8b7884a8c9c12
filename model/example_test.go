package model_test

import (
	"fmt"

	"blueprint/model"
)

func Example() {
	m := model.New(model.DefaultSchema())
	r, _ := m.AddElem("REGION", "UTOPIA")
	t, _ := m.AddElem("TECHNOLOGY", "E01")
	y90, _ := m.AddElem("YEAR", "1990")
	m.AddElem("YEAR", "1989") // integer sets stay sorted: 1989 comes first
	y90, _ = m.Set("YEAR").Index("1990")

	cc := m.Param("CapitalCost")
	cc.Add([]model.Elem{r, t, y90}, 1400, &model.Origin{Pos: model.Pos{File: "utopia.txt", Line: 12}})
	if errs := m.Freeze(); errs != nil {
		fmt.Println(errs)
	}
	v, explicit := cc.Get(r, t, y90)
	fmt.Println(m.Set("YEAR").Elems, v, explicit)
	fmt.Println(cc.Dims(), cc.Dense())
	v, explicit = m.Param("DiscountRateIdv").Get(r, t)
	fmt.Println(v, explicit)
	fmt.Println(cc.Pos(0))
	// Output:
	// [1989 1990] 1400 true
	// [1 1 2] [0 1400]
	// 0.05 false
	// utopia.txt:12
}
