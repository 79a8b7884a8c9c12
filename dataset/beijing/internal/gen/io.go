package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
)

// readSlices reads timeslices.csv; the heat profile is normalised to sum 1.
func readSlices(path string) ([]slice, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []slice
	heat := 0.0
	for i, rec := range recs[1:] {
		if len(rec) != 10 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 10", path, i+2, len(rec))
		}
		var x [7]float64
		for j := range x {
			v, err := strconv.ParseFloat(rec[j+1], 64)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: field %d: %w", path, i+2, j+2, err)
			}
			x[j] = v
		}
		out = append(out, slice{name: rec[0], season: int(x[0]), bracket: int(x[1]), ys: x[2], elc: x[3], heat: x[4], pv: x[5], w: x[6], src: rec[8], note: rec[9]})
		heat += x[4]
	}
	for i := range out {
		out[i].heat /= heat
	}
	return out, nil
}
