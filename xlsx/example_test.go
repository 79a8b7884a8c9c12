package xlsx_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"blueprint/mathprog"
	"blueprint/model"
	"blueprint/xlsx"
)

func Example() {
	m := model.New(model.DefaultSchema())
	data := "set REGION := R1; set TECHNOLOGY := GAS; set YEAR := 2020 2021;\n" +
		"param CapitalCost default 0 := R1 GAS 2020 900 R1 GAS 2021 880;"
	if err := mathprog.Read(strings.NewReader(data), "m.txt", m); err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "xlsx-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "m.xlsx")
	if err := xlsx.Write(path, m); err != nil {
		fmt.Println(err)
		return
	}
	back, err := xlsx.Read(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	cc := back.Param("CapitalCost")
	for i := range cc.NumEntries() {
		key, v := cc.Entry(i)
		fmt.Println(back.Set("YEAR").Elems[key[2]], v)
	}
	// Output:
	// 2020 900
	// 2021 880
}
