const https = require("https");

function call(host) {
  // ruleid: tls-reject-unauthorized
  const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
  // ruleid: tls-reject-unauthorized
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  // ok: tls-reject-unauthorized
  const safe = new https.Agent({ rejectUnauthorized: true });
  return https.get({ host, agent }, () => safe);
}
