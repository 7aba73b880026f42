import java.security.MessageDigest;
import org.apache.commons.codec.digest.DigestUtils;

class Digests {
    void digests(byte[] data) throws Exception {
        // ruleid: weak-hash
        MessageDigest.getInstance("MD5");
        // ruleid: weak-hash
        MessageDigest.getInstance("SHA-1");
        // ruleid: weak-hash
        DigestUtils.md5Hex(data);
        // ok: weak-hash
        MessageDigest.getInstance("SHA-256");
        // ok: weak-hash
        DigestUtils.sha256Hex(data);
    }
}
