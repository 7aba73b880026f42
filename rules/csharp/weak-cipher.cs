using System.Security.Cryptography;

class Ciphers
{
    void Make(byte[] key)
    {
        // ruleid: weak-cipher
        var des = DES.Create();
        // ruleid: weak-cipher
        var rc2 = new RC2CryptoServiceProvider();
        var aes = Aes.Create();
        // ruleid: weak-cipher
        aes.Mode = CipherMode.ECB;
        // ok: weak-cipher
        aes.Mode = CipherMode.CBC;
        // ok: weak-cipher
        var gcm = new AesGcm(key, 16);
    }
}
