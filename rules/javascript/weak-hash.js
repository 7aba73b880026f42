const crypto = require("crypto");
import { createHash } from "crypto";

function digest(data, key) {
  // ruleid: weak-hash
  const a = crypto.createHash("md5").update(data).digest("hex");
  // ruleid: weak-hash
  const b = createHash('sha1').update(data).digest("base64");
  // ruleid: weak-hash
  const c = crypto.createHmac("md5", key);
  // ok: weak-hash
  const d = crypto.createHash("sha256").update(data).digest("hex");
  return [a, b, c, d];
}
