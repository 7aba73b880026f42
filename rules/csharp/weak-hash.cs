using System.Security.Cryptography;

class Hashes
{
    byte[] Digest(byte[] bytes)
    {
        // ruleid: weak-hash
        var a = MD5.Create().ComputeHash(bytes);
        // ruleid: weak-hash
        var b = new SHA1Managed().ComputeHash(bytes);
        // ruleid: weak-hash
        var c = SHA1.HashData(bytes);
        // ok: weak-hash
        return SHA256.HashData(bytes);
    }
}
