package main

import (
	"path/filepath"
	"strings"

	"blueprint/model"
	"blueprint/xlsx"
)

// loadXLSX reads an Excel workbook in otoole's layout; the model is named
// after the file.
func loadXLSX(path string) (*model.Model, model.ErrorList, error) {
	m, err := xlsx.Read(path)
	if m != nil {
		m.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	return m, nil, err
}
