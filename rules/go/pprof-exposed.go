package main

import (
	"log"
	"net/http"
	// ruleid: pprof-exposed
	_ "net/http/pprof"
)

func main() {
	log.Fatal(http.ListenAndServe(":8080", nil))
}
