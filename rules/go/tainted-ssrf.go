package proxy

import "net/http"

func fetch(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: tainted-ssrf
	http.Get(target)
	// ok: tainted-ssrf
	http.Get("https://status.example.com/health")
}
