import java.security.SecureRandom;
import java.util.Random;

class Tokens {
    void make() {
        // ruleid: insecure-random-token
        String resetToken = Long.toHexString(new Random().nextLong());
        // ruleid: insecure-random-token
        double sessionKey = Math.random();
        // ok: insecure-random-token
        int dice = new Random().nextInt(6);
        byte[] buf = new byte[32];
        // ok: insecure-random-token
        new SecureRandom().nextBytes(buf);
    }
}
