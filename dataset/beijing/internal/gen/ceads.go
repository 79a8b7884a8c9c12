package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// ceadsSector groups the 47 rows of the CEADs Beijing sheet into the
// inventory's reporting sectors.
func ceadsSector(row string) string {
	switch {
	case strings.HasPrefix(row, "Farming"):
		return "AGRI"
	case strings.HasPrefix(row, "Production and Supply of Electric"):
		return "POWER"
	case row == "Construction":
		return "CONSTR"
	case strings.HasPrefix(row, "Transportation, Storage"):
		return "TRANSPORT"
	case strings.HasPrefix(row, "Wholesale"):
		return "WHOLESALE"
	case row == "Others":
		return "OTHERS"
	case row == "Urban":
		return "URBAN"
	case row == "Rural":
		return "RURAL"
	}
	return "INDUSTRY" // mining, manufacturing, gas and water supply
}

// cell is one (CEADs sector, CEADs fuel) entry in Mt CO2.
type cell struct{ sector, fuel string }

// ceads is the aggregated 2019 inventory.
type ceads struct {
	cells map[cell]float64
	total float64
}

// readCEADs reads the CEADs sheet, sums rows by sector and checks the sums
// against the sheet's TotalEmissions row.
func readCEADs(path string) (*ceads, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &ceads{cells: map[cell]float64{}}
	var header []string
	totals := map[string]float64{}
	for i, rec := range recs {
		if len(rec) < 3 || strings.HasPrefix(rec[0], "#") || rec[0] == "unit" {
			continue
		}
		if rec[0] == "Emission_Inventory" {
			header = rec
			continue
		}
		if header == nil || len(rec) != len(header) {
			return nil, fmt.Errorf("%s:%d: %d fields before or unlike the header", path, i+1, len(rec))
		}
		for j := 1; j < len(rec)-1; j++ {
			x, err := strconv.ParseFloat(rec[j], 64)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %s: %w", path, i+1, header[j], err)
			}
			if rec[0] == "TotalEmissions" {
				totals[header[j]] = x
				continue
			}
			if x != 0 {
				c.cells[cell{ceadsSector(rec[0]), header[j]}] += x
			}
		}
		if rec[0] == "TotalEmissions" {
			c.total, _ = strconv.ParseFloat(rec[len(rec)-1], 64)
		}
	}
	for fuel, want := range totals {
		got := 0.0
		for k, v := range c.cells {
			if k.fuel == fuel {
				got += v
			}
		}
		if math.Abs(got-want) > 1e-9*math.Max(1, want) {
			return nil, fmt.Errorf("%s: %s rows sum to %g, TotalEmissions says %g", path, fuel, got, want)
		}
	}
	return c, nil
}

// keys returns the cells in a fixed order.
func (c *ceads) keys() []cell {
	out := make([]cell, 0, len(c.cells))
	for k := range c.cells {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].sector != out[j].sector {
			return out[i].sector < out[j].sector
		}
		return out[i].fuel < out[j].fuel
	})
	return out
}

// carrier is the model fuel that carries a CEADs fuel ("" for process CO2).
var carrier = map[string]string{
	"Raw_Coal": "COAL", "Briquettes": "COAL",
	"Gasoline": "GSL", "Kerosene": "JET", "Diesel_Oil": "DSL", "LPG": "LPG",
	"Fuel_Oil": "OOIL", "Refinery_Gas": "OOIL", "Other_Petroleum_Products": "OOIL",
	"Natural_Gas": "NGAS", "Process": "",
}

// share is one destination of a cell.
type share struct {
	tech string
	frac string // "" = all of the cell, else a key of the derived shares
}

// cellMap sends every non-zero 2019 CEADs cell to the technology that
// burns it in the model (RES.md §4, with the departures in docs/beijing.md).
func cellMap(c cell) []share {
	one := func(t string) []share { return []share{{t, ""}} }
	split := func(a, b, key string) []share { return []share{{a, key}, {b, "1-" + key}} }
	s, fu := c.sector, c.fuel
	switch s {
	case "POWER":
		switch fu {
		case "Natural_Gas":
			return split("GAS_CHP_OLD", "GAS_HOB", "chp_gas")
		case "Raw_Coal":
			return one("COAL_HOB")
		default:
			return one("OOIL_CHP")
		}
	case "INDUSTRY", "CONSTR", "AGRI":
		switch fu {
		case "Natural_Gas":
			return one("IND_GAS")
		case "Raw_Coal":
			return one("IND_COAL")
		case "Refinery_Gas", "Fuel_Oil", "LPG", "Other_Petroleum_Products":
			return one("IND_OIL")
		case "Gasoline":
			return one("OLV_ICE")
		case "Diesel_Oil", "Kerosene":
			return one("OFR_ICE")
		case "Process":
			return one("IND_PROC")
		}
	case "TRANSPORT":
		switch fu {
		case "Kerosene":
			return one("AVI_JET")
		case "Gasoline", "LPG":
			return one("OLV_ICE")
		case "Diesel_Oil":
			return split("BUS_DSL", "TRK_DSL", "bus_dsl")
		case "Fuel_Oil":
			return one("TRK_DSL")
		case "Natural_Gas":
			return split("BUS_CNG", "OLV_CNG", "bus_cng")
		case "Raw_Coal":
			return one("CSH_COAL")
		}
	case "WHOLESALE", "OTHERS":
		switch fu {
		case "Natural_Gas":
			if s == "WHOLESALE" {
				return one("CCW_GAS")
			}
			return one("CSH_GASB")
		case "Raw_Coal":
			return one("CSH_COAL")
		case "LPG":
			return one("CCW_LPG")
		case "Gasoline":
			return one("OLV_ICE")
		case "Diesel_Oil", "Kerosene", "Fuel_Oil":
			return one("OFR_ICE")
		}
	case "URBAN", "RURAL":
		switch fu {
		case "Gasoline":
			return one("CAR_ICE")
		case "Natural_Gas":
			return split("RCW_GAS", "RSH_GASB", "res_gas_cook")
		case "LPG":
			return one("RCW_LPG")
		case "Raw_Coal", "Briquettes":
			return one("RSH_COAL")
		}
	}
	return nil
}

// burn is what a calibrated technology burned in 2019 according to CEADs.
type burn struct {
	pj    map[string]float64 // by model fuel
	co2   float64            // Mt
	cells []string           // "SECTOR×Fuel frac" for notes
	split []string           // arithmetic of the split shares used
	av    bool               // kerosene in aviation: CO2_AV
}

func (b *burn) totalPJ() float64 {
	t := 0.0
	for _, v := range b.pj {
		t += v
	}
	return t
}
