const jwt = require("jsonwebtoken");

function tokens(claims, token) {
  // ruleid: jwt-hardcoded-secret
  const a = jwt.sign(claims, "s3cret");
  // ruleid: jwt-hardcoded-secret
  jwt.verify(token, "s3cret", { algorithms: ["HS256"] });
  // ok: jwt-hardcoded-secret
  const b = jwt.sign(claims, process.env.JWT_SECRET);
  return [a, b];
}
