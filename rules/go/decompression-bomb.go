package unpack

import (
	"compress/gzip"
	"io"
	"os"
)

func inflate(src io.Reader, dst *os.File) error {
	gz, err := gzip.NewReader(src)
	if err != nil {
		return err
	}
	// ruleid: decompression-bomb
	io.Copy(dst, gz)
	// ok: decompression-bomb
	io.Copy(dst, io.LimitReader(gz, 100<<20))
	return nil
}
