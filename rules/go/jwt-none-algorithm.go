package auth

import "github.com/golang-jwt/jwt/v5"

func sign(claims jwt.MapClaims, key []byte) {
	// ruleid: jwt-none-algorithm
	unsigned := jwt.NewWithClaims(jwt.SigningMethodNone, claims)
	// ruleid: jwt-none-algorithm
	unsigned.SignedString(jwt.UnsafeAllowNoneSignatureType)
	// ok: jwt-none-algorithm
	signed := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	signed.SignedString(key)
}
