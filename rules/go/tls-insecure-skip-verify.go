package client

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

func clients(pool *x509.CertPool) []*http.Client {
	// ruleid: tls-insecure-skip-verify
	insecure := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}
	cfg := &tls.Config{RootCAs: pool}
	// ruleid: tls-insecure-skip-verify
	cfg.InsecureSkipVerify = true
	// ok: tls-insecure-skip-verify
	safe := &tls.Config{RootCAs: pool, InsecureSkipVerify: false}
	return []*http.Client{
		{Transport: &http.Transport{TLSClientConfig: insecure}},
		{Transport: &http.Transport{TLSClientConfig: safe}},
	}
}
