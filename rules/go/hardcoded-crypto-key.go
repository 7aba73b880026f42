package auth

import (
	"crypto/aes"
	"crypto/hmac"
	"crypto/sha256"
	"os"

	"github.com/golang-jwt/jwt/v5"
)

func sign(t *jwt.Token) {
	// ruleid: hardcoded-crypto-key
	t.SignedString([]byte("changeme"))
	// ruleid: hardcoded-crypto-key
	hmac.New(sha256.New, []byte("changeme"))
	// ruleid: hardcoded-crypto-key
	aes.NewCipher([]byte("0123456789abcdef"))
	// ok: hardcoded-crypto-key
	t.SignedString([]byte(os.Getenv("JWT_SIGNING_KEY")))
}
