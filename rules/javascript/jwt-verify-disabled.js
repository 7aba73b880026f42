const jwt = require("jsonwebtoken");

function user(req, key) {
  // ruleid: jwt-verify-disabled
  const claims = jwt.decode(req.headers.authorization);
  // ruleid: jwt-verify-disabled
  const loose = jwt.verify(req.headers.authorization, key, { algorithms: ["HS256", "none"] });
  // ok: jwt-verify-disabled
  const checked = jwt.verify(req.headers.authorization, key, { algorithms: ["HS256"] });
  return [claims, loose, checked];
}
