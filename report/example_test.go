package report_test

import (
	"bytes"
	"fmt"
	"strings"

	"blueprint/report"
	"blueprint/results"
)

// Build a report from one run's result tables and write it in Chinese:
// emissions shown in 万吨 (10⁴ t) when the model counts Mt CO2.
func ExampleBuild() {
	ae := &results.Table{Name: "AnnualEmissions", Indices: []string{"REGION", "EMISSION", "YEAR"}, Unit: "Mt CO2"}
	ae.Append(12.5, "CITY", "CO2", "2020")
	ae.Append(6.25, "CITY", "CO2", "2030")
	run := &results.Results{Model: "city", Scenario: "reference", Status: "optimal", Tables: []*results.Table{ae}}
	rep, err := report.Build(report.Config{Runs: []*results.Results{run}})
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := rep.WriteHTML(&buf, report.ZH); err != nil {
		fmt.Println(err)
		return
	}
	html := buf.String()
	fmt.Println(strings.Contains(html, `<html lang="zh">`), strings.Contains(html, "625万吨二氧化碳"))
	// Output:
	// true true
}
