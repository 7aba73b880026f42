package digest

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
)

func digests(data []byte) {
	// ruleid: weak-hash
	_ = md5.Sum(data)
	// ruleid: weak-hash
	h := sha1.New()
	h.Write(data)
	// ok: weak-hash
	_ = sha256.Sum256(data)
	// ok: weak-hash
	_ = md5.Size
}
