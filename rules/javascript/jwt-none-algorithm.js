const jwt = require("jsonwebtoken");

function issue(claims) {
  // ruleid: jwt-none-algorithm
  const a = jwt.sign(claims, null, { algorithm: "none" });
  // ok: jwt-none-algorithm
  const b = jwt.sign(claims, process.env.JWT_SECRET, { algorithm: "HS256" });
  return [a, b];
}
