package main

import (
	"net/http"
	"time"
)

func main() {
	mux := http.NewServeMux()
	// ruleid: http-server-no-timeouts
	go http.ListenAndServe(":8080", mux)
	srv := &http.Server{Addr: ":8443", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	// ok: http-server-no-timeouts
	srv.ListenAndServeTLS("cert.pem", "key.pem")
}
