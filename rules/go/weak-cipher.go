package seal

import (
	"crypto/aes"
	"crypto/des"
	"crypto/rc4"
)

func ciphers(key []byte) {
	// ruleid: weak-cipher
	des.NewCipher(key)
	// ruleid: weak-cipher
	des.NewTripleDESCipher(key)
	// ruleid: weak-cipher
	rc4.NewCipher(key)
	// ok: weak-cipher
	aes.NewCipher(key)
}
