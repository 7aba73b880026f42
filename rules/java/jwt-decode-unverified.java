import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

class Tokens {
    void read(String token, String secret) {
        // ruleid: jwt-decode-unverified
        JWT.decode(token);
        // ok: jwt-decode-unverified
        JWT.require(Algorithm.HMAC256(secret)).build().verify(token);
    }
}
