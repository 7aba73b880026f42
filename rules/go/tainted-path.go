package files

import (
	"net/http"
	"os"
	"path/filepath"
)

func download(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	// ruleid: tainted-path
	data, _ := os.ReadFile(filepath.Join("uploads", name))
	// ok: tainted-path
	safe, _ := os.ReadFile(filepath.Join("uploads", filepath.Base(name)))
	w.Write(append(data, safe...))
}
