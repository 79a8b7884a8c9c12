package osemosys

import "fmt"

var fmtSscan = fmt.Sscan
