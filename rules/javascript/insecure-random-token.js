function issue(user) {
  // ruleid: insecure-random-token
  const resetToken = Math.random().toString(36).slice(2);
  // ruleid: insecure-random-token
  user.sessionId = Math.floor(Math.random() * 1e16).toString(16);
  // ok: insecure-random-token
  const jitter = Math.random() * 100;
  // ok: insecure-random-token
  const apiKey = require("crypto").randomBytes(32).toString("hex");
  return [resetToken, jitter, apiKey];
}
