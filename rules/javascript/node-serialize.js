const serialize = require("node-serialize");

function profile(req) {
  // ruleid: node-serialize
  const obj = serialize.unserialize(req.cookies.profile);
  // ok: node-serialize
  const data = JSON.parse(req.cookies.profile);
  return [obj, data];
}
