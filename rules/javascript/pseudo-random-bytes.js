const crypto = require("crypto");

function token() {
  // ruleid: pseudo-random-bytes
  const a = crypto.pseudoRandomBytes(32).toString("hex");
  // ok: pseudo-random-bytes
  const b = crypto.randomBytes(32).toString("hex");
  return [a, b];
}
