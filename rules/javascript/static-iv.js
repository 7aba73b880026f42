const crypto = require("crypto");

function seal(key) {
  // ruleid: static-iv
  const a = crypto.createCipheriv("aes-256-gcm", key, Buffer.alloc(12));
  // ruleid: static-iv
  const b = crypto.createCipheriv("aes-256-cbc", key, Buffer.from("0123456789abcdef"));
  // ok: static-iv
  const c = crypto.createCipheriv("aes-256-gcm", key, crypto.randomBytes(12));
  return [a, b, c];
}
