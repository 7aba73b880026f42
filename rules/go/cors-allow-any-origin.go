package web

import "net/http"

func headers(w http.ResponseWriter) {
	// ruleid: cors-allow-any-origin
	w.Header().Set("Access-Control-Allow-Origin", "*")
	// ok: cors-allow-any-origin
	w.Header().Set("Access-Control-Allow-Origin", "https://app.example.com")
	// ok: cors-allow-any-origin
	w.Header().Set("Content-Type", "*")
}
