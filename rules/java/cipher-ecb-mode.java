import javax.crypto.Cipher;

class Modes {
    void modes() throws Exception {
        // ruleid: cipher-ecb-mode
        Cipher.getInstance("AES");
        // ruleid: cipher-ecb-mode
        Cipher.getInstance("AES/ECB/PKCS5Padding");
        // ok: cipher-ecb-mode
        Cipher.getInstance("AES/GCM/NoPadding");
        // ok: cipher-ecb-mode
        Cipher.getInstance("AES/CBC/PKCS5Padding");
    }
}
