const tls = require("tls");

function connect(host, port) {
  // ruleid: tls-old-version
  tls.connect({ host, port, minVersion: "TLSv1" });
  // ruleid: tls-old-version
  tls.connect({ host, port, secureProtocol: "TLSv1_method" });
  // ok: tls-old-version
  tls.connect({ host, port, minVersion: "TLSv1.2" });
}
