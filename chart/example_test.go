package chart_test

import (
	"fmt"
	"os"
	"strings"

	"blueprint/chart"
)

// A stacked area chart of emissions by sector, with one palette shared by
// every chart of a report so that sectors keep their colours.
func ExampleStackedArea() {
	pal := chart.NewPalette("Buildings", "Industry", "Transport")
	var b strings.Builder
	err := chart.StackedArea(&b, chart.XY{
		Title:  "Emissions by sector",
		XLabel: "Year",
		YLabel: "Mt CO2",
		X:      []float64{2020, 2030, 2040, 2050},
		Series: []chart.Series{
			{Name: "Buildings", Values: []float64{40, 30, 15, 3}},
			{Name: "Industry", Values: []float64{30, 22, 10, 2}},
			{Name: "Transport", Values: []float64{25, 24, 12, 1}},
		},
		Options: chart.Options{Palette: pal},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Println(strings.HasPrefix(b.String(), "<svg"), strings.Count(b.String(), "<polygon"))
	fmt.Println(pal.Style("Industry").Color)
	// Output:
	// true 3
	// #DDCC77
}

func ExampleTicks() {
	fmt.Println(chart.Ticks(0, 87, 4))
	fmt.Println(chart.Ticks(-0.05, 0.22, 5))
	// Output:
	// [0 20 40 60 80 100]
	// [-0.05 0 0.05 0.1 0.15 0.2 0.25]
}
