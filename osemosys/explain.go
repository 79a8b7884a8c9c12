package osemosys

import (
	"context"
	"fmt"
	"math"
	"strings"

	"blueprint/lp"
)

// Conflict is one limit of the model that cannot be met together with the
// others, found by an elastic relaxation of the limits.
type Conflict struct {
	// Constraint is the LP row or bound, in the reference's naming, e.g.
	// "E8_AnnualEmissionsLimit[UTOPIA,CO2,2000]".
	Constraint string
	// Param and Key name the data behind it, e.g. "AnnualEmissionLimit"
	// and [UTOPIA CO2 2000].
	Param string
	Key   []string
	// Limit is the limit's value as the model states it (for a demand,
	// the demand in that timeslice).
	Limit float64
	// Violation is by how much the limit must give way (in the limit's
	// units): up for an upper limit, down for a lower limit or a demand.
	Violation float64
	// Upper tells an upper limit (the model needs more) from a lower limit
	// or a demand (the model can deliver less).
	Upper bool
}

// String explains the conflict in one sentence.
func (c Conflict) String() string {
	where := c.Param + "[" + strings.Join(c.Key, ",") + "]"
	switch c.Param {
	case "REMinProductionTarget", "ReserveMargin":
		return fmt.Sprintf("%s = %.6g cannot be met: short by %.6g units of qualifying production or capacity [%s]",
			where, c.Limit, c.Violation, c.Constraint)
	case "SpecifiedAnnualDemand":
		if len(c.Key) == 4 {
			return fmt.Sprintf("demand for %s in timeslice %s of %s (SpecifiedAnnualDemand × SpecifiedDemandProfile = %.6g) cannot be met: at most %.6g is reachable (%.6g short) [%s]",
				c.Key[2], c.Key[1], c.Key[3], c.Limit, c.Limit-c.Violation, c.Violation, c.Constraint)
		}
	}
	if c.Upper {
		return fmt.Sprintf("%s = %.6g cannot be met: the rest of the model needs at least %.6g (%.6g more) [%s]",
			where, c.Limit, c.Limit+c.Violation, c.Violation, c.Constraint)
	}
	return fmt.Sprintf("%s = %.6g cannot be met: at most %.6g is reachable (%.6g short) [%s]",
		where, c.Limit, c.Limit-c.Violation, c.Violation, c.Constraint)
}

// rowParam maps a relaxable row family to the parameter that sets its limit.
var rowParam = map[int][2]string{ // family -> {param of the lower side, param of the upper side}
	rEBa11: {"SpecifiedAnnualDemand", ""},
	rEBb4:  {"AccumulatedAnnualDemand", ""},
	rAAC:   {"TotalTechnologyAnnualActivityLowerLimit", "TotalTechnologyAnnualActivityUpperLimit"},
	rTAC:   {"TotalTechnologyModelPeriodActivityLowerLimit", "TotalTechnologyModelPeriodActivityUpperLimit"},
	rRE4:   {"", "REMinProductionTarget"},
	rRM3:   {"", "ReserveMargin"},
	rE8:    {"", "AnnualEmissionLimit"},
	rE9:    {"", "ModelPeriodEmissionLimit"},
}

// demandWeight is the cost of one unit of unmet demand in the relaxation,
// against 1 for one unit of any limit.
const demandWeight = 1000

// elastic describes one slack column of the relaxation.
type elastic struct {
	row   int // relaxed row, or -1 for a bound
	col   int // column of a relaxed bound
	upper bool
}

// Explain finds the limits that make the model infeasible: it solves the
// LP with every limit made elastic (demands, activity, capacity and
// investment limits, the renewable target, the reserve margin, emission
// limits), minimising the total violation, and returns each limit that had
// to give way, largest first. Structural rows (balances of flows, capacity
// accounting) stay hard, so the answer names the data an analyst can change.
func (l *LP) Explain(ctx context.Context, newSolver func() (lp.Solver, error)) ([]Conflict, error) {
	p := l.Problem
	nr, nc := p.NumRows(), p.NumCols()
	q := &lp.Problem{
		Obj:      make([]float64, nc),
		ColLower: append([]float64(nil), p.ColLower...),
		ColUpper: append([]float64(nil), p.ColUpper...),
		RowLower: append([]float64(nil), p.RowLower...),
		RowUpper: append([]float64(nil), p.RowUpper...),
	}
	var slacks []elastic
	weight := map[int]float64{}
	// extra[j] lists (row, coef) entries appended to existing column j.
	type entry struct {
		row int32
		v   float64
	}
	extra := map[int][]entry{}
	var slackRows [][]entry // entries of each slack column
	addSlack := func(e elastic, rows []entry) {
		slacks = append(slacks, e)
		slackRows = append(slackRows, rows)
	}
	for i := 0; i < nr; i++ {
		fam := int(l.rowFam[i])
		if _, ok := rowParam[fam]; !ok {
			continue
		}
		if !math.IsInf(p.RowLower[i], -1) {
			addSlack(elastic{row: i}, []entry{{int32(i), 1}})
			if fam == rEBa11 || fam == rEBb4 {
				// Demands give way only when no limit can: the question is
				// which limits stop the model from serving its demand.
				weight[len(slacks)-1] = demandWeight
			}
		}
		if !math.IsInf(p.RowUpper[i], 1) {
			addSlack(elastic{row: i, upper: true}, []entry{{int32(i), -1}})
		}
	}
	next := int32(nr)
	for j := 0; j < nc; j++ {
		fam := l.colFam[j]
		if fam != cNewCapacity && fam != cTotalCapacityAnnual {
			continue
		}
		lo, hi := p.ColLower[j], p.ColUpper[j]
		if lo > 0 {
			// x + s >= lo
			q.RowLower = append(q.RowLower, lo)
			q.RowUpper = append(q.RowUpper, math.Inf(1))
			extra[j] = append(extra[j], entry{next, 1})
			addSlack(elastic{row: -1, col: j}, []entry{{next, 1}})
			next++
			q.ColLower[j] = 0
		}
		if !math.IsInf(hi, 1) {
			// x - s <= hi
			q.RowLower = append(q.RowLower, math.Inf(-1))
			q.RowUpper = append(q.RowUpper, hi)
			extra[j] = append(extra[j], entry{next, 1})
			addSlack(elastic{row: -1, col: j, upper: true}, []entry{{next, -1}})
			next++
			q.ColUpper[j] = math.Inf(1)
		}
	}
	if len(slacks) == 0 {
		return nil, fmt.Errorf("osemosys: the model is infeasible but has no limits to relax: check the balances and residual capacities")
	}
	// Assemble the CSC matrix: original columns (with appended bound rows),
	// then one column per slack.
	q.Start = make([]int32, 0, nc+len(slacks)+1)
	q.Start = append(q.Start, 0)
	for j := 0; j < nc; j++ {
		q.Index = append(q.Index, p.Index[p.Start[j]:p.Start[j+1]]...)
		q.Value = append(q.Value, p.Value[p.Start[j]:p.Start[j+1]]...)
		for _, e := range extra[j] {
			q.Index = append(q.Index, e.row)
			q.Value = append(q.Value, e.v)
		}
		q.Start = append(q.Start, int32(len(q.Index)))
	}
	for k, rows := range slackRows {
		for _, e := range rows {
			q.Index = append(q.Index, e.row)
			q.Value = append(q.Value, e.v)
		}
		q.Start = append(q.Start, int32(len(q.Index)))
		w := 1.0
		if v, ok := weight[k]; ok {
			w = v
		}
		q.Obj = append(q.Obj, w)
		q.ColLower = append(q.ColLower, 0)
		q.ColUpper = append(q.ColUpper, math.Inf(1))
	}
	s, err := newSolver()
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if err := s.Load(q); err != nil {
		return nil, fmt.Errorf("osemosys: explain: %w", err)
	}
	sol, err := s.Solve(ctx, lp.Options{})
	if err != nil {
		return nil, fmt.Errorf("osemosys: explain: %w", err)
	}
	if sol.Status != lp.Optimal {
		return nil, fmt.Errorf("osemosys: explain: the relaxed model is %v too: the conflict is in the structure (balances, residual capacity, sign restrictions), not in a limit", sol.Status)
	}
	var out []Conflict
	for k, e := range slacks {
		v := sol.X[nc+k]
		if v <= 1e-7 {
			continue
		}
		out = append(out, l.conflict(e, v))
	}
	// Largest violation first; ties in model order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Violation > out[j-1].Violation; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

func (l *LP) conflict(e elastic, v float64) Conflict {
	p := l.Problem
	if e.row >= 0 {
		fam := int(l.rowFam[e.row])
		_, key := l.RowFamily(e.row)
		c := Conflict{Constraint: l.RowName(e.row), Key: key, Violation: v, Upper: e.upper}
		params := rowParam[fam]
		if e.upper {
			c.Param = params[1]
			c.Limit = p.RowUpper[e.row]
		} else {
			c.Param = params[0]
			c.Limit = p.RowLower[e.row]
		}
		switch fam {
		case rE8, rE9:
			// The row's bound is the limit minus exogenous emissions.
			c.Limit = l.limitValue(c.Param, fam, e.row)
		case rRE4, rRM3:
			c.Limit = l.limitValue(c.Param, fam, e.row)
		}
		return c
	}
	fam, key := l.ColFamily(e.col)
	c := Conflict{Key: key, Violation: v, Upper: e.upper}
	switch {
	case fam == "NewCapacity" && e.upper:
		c.Param, c.Limit = "TotalAnnualMaxCapacityInvestment", p.ColUpper[e.col]
	case fam == "NewCapacity":
		c.Param, c.Limit = "TotalAnnualMinCapacityInvestment", p.ColLower[e.col]
	case e.upper:
		c.Param, c.Limit = "TotalAnnualMaxCapacity", p.ColUpper[e.col]
	default:
		c.Param, c.Limit = "TotalAnnualMinCapacity", p.ColLower[e.col]
	}
	c.Constraint = "bound on " + l.ColName(e.col)
	return c
}

// limitValue reads the data value of the limit behind row i.
func (l *LP) limitValue(param string, fam int, i int) float64 {
	d := l.d
	f := rowFams[fam]
	var buf [8]int
	idx := l.decode(f, l.rowKey[i], buf[:0])
	v := d.p[param]
	switch len(idx) {
	case 1:
		return v.at1(idx[0])
	case 2:
		return v.at2(idx[0], idx[1])
	case 3:
		if fam == rRM3 { // RM3 is indexed [r,l,y]; ReserveMargin is [r,y]
			return v.at2(idx[0], idx[2])
		}
		return v.at3(idx[0], idx[1], idx[2])
	}
	return math.NaN()
}
