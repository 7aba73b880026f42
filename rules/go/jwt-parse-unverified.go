package auth

import "github.com/golang-jwt/jwt/v5"

func claims(raw string, key []byte) {
	var c jwt.MapClaims
	// ruleid: jwt-parse-unverified
	jwt.NewParser().ParseUnverified(raw, &c)
	// ok: jwt-parse-unverified
	jwt.ParseWithClaims(raw, &c, func(t *jwt.Token) (interface{}, error) { return key, nil })
}
