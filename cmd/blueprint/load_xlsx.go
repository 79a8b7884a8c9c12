package main

import (
	"fmt"

	"blueprint/model"
)

// loadXLSX reads an Excel workbook.
func loadXLSX(path string) (*model.Model, model.ErrorList, error) {
	return nil, nil, fmt.Errorf("read %s: %w", path, errNoXLSX)
}
