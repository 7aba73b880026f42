import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;

class Crypto {
    void ciphers() throws Exception {
        // ruleid: weak-cipher
        Cipher.getInstance("DESede/CBC/PKCS5Padding");
        // ruleid: weak-cipher
        Cipher.getInstance("RC4");
        // ruleid: weak-cipher
        KeyGenerator.getInstance("DES");
        // ok: weak-cipher
        Cipher.getInstance("AES/GCM/NoPadding");
    }
}
