package osemosys

import "strings"

// decode turns a flattened key of family f back into element indices.
func (l *LP) decode(f family, key int64, idx []int) []int {
	idx = idx[:0]
	for range f.sets {
		idx = append(idx, 0)
	}
	for i := len(f.sets) - 1; i >= 0; i-- {
		n := int64(l.d.n[f.sets[i]])
		idx[i] = int(key % n)
		key /= n
	}
	return idx
}

func (l *LP) name(f family, key int64) string {
	var buf [8]int
	idx := l.decode(f, key, buf[:0])
	var sb strings.Builder
	sb.WriteString(f.name)
	sb.WriteByte('[')
	for i, e := range idx {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(l.d.sets[f.sets[i]].Elems[e])
	}
	sb.WriteByte(']')
	return sb.String()
}

// ColName returns the name of column j in the reference's style, e.g.
// "RateOfActivity[UTOPIA,ID,E01,1,1990]".
func (l *LP) ColName(j int) string { return l.name(colFams[l.colFam[j]], l.colKey[j]) }

// RowName returns the name of row i in the reference's style, e.g.
// "EBa11_EnergyBalanceEachTS5[UTOPIA,ID,ELC,1990]".
func (l *LP) RowName(i int) string { return l.name(rowFams[l.rowFam[i]], l.rowKey[i]) }

// RowFamily returns the constraint family of row i (e.g.
// "E8_AnnualEmissionsLimit") and the element names of its index tuple.
func (l *LP) RowFamily(i int) (family string, elems []string) {
	f := rowFams[l.rowFam[i]]
	return f.name, l.elems(f, l.rowKey[i])
}

// ColFamily returns the variable family of column j (e.g. "NewCapacity")
// and the element names of its index tuple.
func (l *LP) ColFamily(j int) (family string, elems []string) {
	f := colFams[l.colFam[j]]
	return f.name, l.elems(f, l.colKey[j])
}

// elems returns the element names of a flattened key of family f.
func (l *LP) elems(f family, key int64) []string {
	var buf [8]int
	idx := l.decode(f, key, buf[:0])
	out := make([]string, len(idx))
	for k, e := range idx {
		out[k] = l.d.sets[f.sets[k]].Elems[e]
	}
	return out
}
