const libxmljs = require("libxmljs");

function parse(body) {
  // ruleid: libxml-noent
  const a = libxmljs.parseXml(body, { noent: true });
  // ok: libxml-noent
  const b = libxmljs.parseXml(body);
  return [a, b];
}
