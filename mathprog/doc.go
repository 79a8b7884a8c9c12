// Package mathprog reads and writes OSeMOSYS model data as GNU MathProg data
// sections, the format of the reference implementation (osemosys.txt) and
// of its test models such as UTOPIA.
//
// # Reading
//
// [ReadFiles] reads one or more files into a new [model.Model]; [Read]
// reads one more file into an existing model; a [Reader] also keeps
// warnings. The reader streams its input (memory stays bounded by the
// model, not the file) and accepts the data-section syntax of the GNU
// MathProg manual that OSeMOSYS data use:
//
//   - set S := a b c; (commas optional, quoted symbols 'a b' or "a b")
//   - param P [default d] := plain records r t y v ...;
//   - slices [r,*,f,*] that fix some indices for the records that follow
//   - tables : c1 c2 := row v1 v2 ... (a slice with two '*', or a
//     two-index parameter), transposed with (tr), '.' for "no value"
//   - tabbing data param [default d] : P Q := r t vP vQ ...;
//   - # and /* */ comments, data; and end; (text after end; is ignored)
//
// Everything else a data section may hold is reported as unsupported, with
// its position, never skipped silently: set families (set S[i]), sets of
// tuples, and param : S : P := (a set defined with tabbing data).
//
// # Names and elements
//
// Sets and parameters come from the model's schema. A set or parameter the
// schema does not know (ResultsPath, symbolic in osemosys.txt) is skipped
// with a warning. MathProg lets a parameter use elements before their set
// statement (super_simple does): such a row is kept aside and checked when
// the file ends; an element that is still not in its set is an
// [model.ErrUnknownElement] naming file, line, column and set, with the
// nearest element suggested.
//
// # Defaults
//
// A default clause sets that model's default for the parameter
// ([model.Param.Default]); without one the schema's default applies.
// DiscountRateIdv is special: osemosys.txt declares its default as
// DiscountRate[r], glpsol refuses a data default for it, and Blueprint
// ignores one with a warning.
//
// # Several files
//
// Files are read in order, as glpsol's repeated -d options. Unlike glpsol,
// which refuses any set or parameter given again, a later file may add
// elements to a set and rows to a parameter; repeating a row with the same
// value is accepted (so atlantis.txt + atlantis_extra.txt read), a different
// value or a different default is an [model.ErrDuplicate] naming both
// places. Within one file a set or parameter may be given once and a row
// once, as glpsol requires. A set element must be declared in the same file
// as its first use or an earlier one.
//
// # Writing
//
// [Write] and [WriteFile] write sets and parameters in schema order, only the
// rows that differ from the default, values in the shortest form that reads
// back bit for bit, so that the output is deterministic and diffs cleanly.
package mathprog
