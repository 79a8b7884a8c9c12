//go:build cgo

package clp

/*
#include <coin/Clp_C_Interface.h>
*/
import "C"

import (
	"fmt"
	"io"
	"runtime/cgo"
	"strconv"
	"unsafe"
)

// logger receives Clp's messages during one Solve.
type logger struct {
	w   io.Writer
	buf []byte
}

// blueprintClpLog is Clp's message callback: Clp hands over the message
// number and its numeric and string fields (not the formatted text), which
// we write as one line "Clp%04d f1 f2 ...".
//
//export blueprintClpLog
func blueprintClpLog(m unsafe.Pointer, msgno C.int, ndouble C.int, dvec *C.double, nint C.int, ivec *C.int, nchar C.int, cvec **C.char) {
	h := cgo.Handle(uintptr(C.Clp_getUserPointer(m)))
	if h == 0 {
		return
	}
	l, ok := h.Value().(*logger)
	if !ok {
		return
	}
	b := fmt.Appendf(l.buf[:0], "Clp%04d", int(msgno))
	if nint > 0 {
		for _, v := range unsafe.Slice((*C.int)(ivec), int(nint)) {
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(v), 10)
		}
	}
	if ndouble > 0 {
		for _, v := range unsafe.Slice((*C.double)(dvec), int(ndouble)) {
			b = append(b, ' ')
			b = strconv.AppendFloat(b, float64(v), 'g', 10, 64)
		}
	}
	if nchar > 0 {
		for _, v := range unsafe.Slice(cvec, int(nchar)) {
			b = append(b, ' ')
			b = append(b, C.GoString(v)...)
		}
	}
	b = append(b, '\n')
	l.buf = b
	l.w.Write(b)
}
