package main

import (
	"os"
	"path/filepath"
	"strings"

	"blueprint/mathprog"
	"blueprint/model"
	"blueprint/otoole"
)

// loadModel reads the model at paths: a directory is an otoole folder (the
// model folder with config.yaml and csv/, or the CSV folder itself), a .xlsx
// file an Excel workbook, anything else one or more MathProg data files read
// in order (as glpsol's repeated -d). Input problems come back as a
// [model.ErrorList].
func loadModel(paths []string) (*model.Model, error) {
	m, _, err := loadModelWarn(paths)
	return m, err
}

// loadModelWarn is loadModel that also returns the loader's warnings.
func loadModelWarn(paths []string) (*model.Model, model.ErrorList, error) {
	if len(paths) == 0 {
		return nil, nil, usageErrorf("no model given")
	}
	kind, err := modelKind(paths)
	if err != nil {
		return nil, nil, err
	}
	switch kind {
	case "csv":
		return otoole.Read(paths[0])
	case "xlsx":
		return loadXLSX(paths[0])
	}
	var r mathprog.Reader
	m, err := r.ReadFiles(paths...)
	if m != nil && len(paths) == 1 {
		m.Name = strings.TrimSuffix(filepath.Base(paths[0]), filepath.Ext(paths[0]))
	}
	return m, r.Warnings, err
}

// modelKind tells which reader takes paths: "csv", "xlsx" or "datafile".
func modelKind(paths []string) (string, error) {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return "", usageErrorf("model %s: %v", p, err)
		}
		isDir := fi.IsDir()
		isXLSX := strings.EqualFold(filepath.Ext(p), ".xlsx")
		if (isDir || isXLSX) && len(paths) > 1 {
			return "", usageErrorf("model %s: only MathProg data files can be combined; give a folder or workbook alone", p)
		}
		switch {
		case isDir:
			return "csv", nil
		case isXLSX:
			return "xlsx", nil
		}
	}
	return "datafile", nil
}
