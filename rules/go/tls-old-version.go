package server

import "crypto/tls"

func configs() []*tls.Config {
	// ruleid: tls-old-version
	old := &tls.Config{MinVersion: tls.VersionTLS10}
	modern := &tls.Config{}
	// ruleid: tls-old-version
	modern.MinVersion = tls.VersionTLS11
	// ok: tls-old-version
	good := &tls.Config{MinVersion: tls.VersionTLS12}
	return []*tls.Config{old, modern, good}
}
