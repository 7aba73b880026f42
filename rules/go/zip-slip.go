package unpack

import (
	"archive/zip"
	"errors"
	"path/filepath"
)

func extract(r *zip.Reader, dest string) ([]string, error) {
	var out []string
	for _, f := range r.File {
		// ruleid: zip-slip
		out = append(out, filepath.Join(dest, f.Name))
	}
	for _, f := range r.File {
		if !filepath.IsLocal(f.Name) {
			return nil, errors.New("bad entry")
		}
		// ok: zip-slip
		out = append(out, filepath.Join(dest, f.Name))
	}
	return out, nil
}
