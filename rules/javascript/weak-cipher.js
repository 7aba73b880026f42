const crypto = require("crypto");

function seal(key, iv, password) {
  // ruleid: weak-cipher
  const a = crypto.createCipher("aes-256-cbc", password);
  // ruleid: weak-cipher
  const b = crypto.createCipheriv("des-ede3-cbc", key, iv);
  // ruleid: weak-cipher
  const c = crypto.createCipheriv("aes-128-ecb", key, null);
  // ok: weak-cipher
  const d = crypto.createCipheriv("aes-256-gcm", key, iv);
  return [a, b, c, d];
}
