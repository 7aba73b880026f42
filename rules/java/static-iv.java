import java.security.SecureRandom;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

class Ivs {
    void ivs(SecureRandom random) {
        // ruleid: static-iv
        new IvParameterSpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        // ruleid: static-iv
        new IvParameterSpec(new byte[16]);
        // ruleid: static-iv
        new GCMParameterSpec(128, "0123456789ab".getBytes());
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        // ok: static-iv
        new GCMParameterSpec(128, iv);
    }
}
