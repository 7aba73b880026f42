package keys

import (
	"crypto/rand"
	"crypto/rsa"
)

func keys() {
	// ruleid: weak-rsa-key
	rsa.GenerateKey(rand.Reader, 1024)
	// ok: weak-rsa-key
	rsa.GenerateKey(rand.Reader, 2048)
	// ok: weak-rsa-key
	rsa.GenerateKey(rand.Reader, 4096)
}
