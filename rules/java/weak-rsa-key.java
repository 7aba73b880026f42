import java.security.KeyPairGenerator;

class Keys {
    void keys() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        // ruleid: weak-rsa-key
        gen.initialize(1024);
        // ok: weak-rsa-key
        gen.initialize(3072);
    }
}
