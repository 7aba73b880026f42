package main

import "crypto/tls"

func handler(c bool) {
	// ruleid: go-struct-ptr
	_ = &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}
	// ruleid: go-sequence-nested
	x := input()
	if c {
		run(x)
	}
}
