import com.auth0.jwt.algorithms.Algorithm;
import io.jsonwebtoken.Jwts;

class Tokens {
    void keys() {
        // ruleid: hardcoded-jwt-secret
        Algorithm a = Algorithm.HMAC256("changeme");
        // ruleid: hardcoded-jwt-secret
        Jwts.parser().setSigningKey("changeme");
        // ok: hardcoded-jwt-secret
        Algorithm b = Algorithm.HMAC256(System.getenv("JWT_SIGNING_KEY"));
    }
}
