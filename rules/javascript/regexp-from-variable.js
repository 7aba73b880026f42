const escapeRegExp = require("lodash/escapeRegExp");

function search(q, items) {
  // ruleid: regexp-from-variable
  const a = new RegExp(q);
  // ruleid: regexp-from-variable
  const b = new RegExp("^" + q + "$", "i");
  // ok: regexp-from-variable
  const c = new RegExp(escapeRegExp(q));
  // ok: regexp-from-variable
  const d = new RegExp("^[a-z]+$");
  return items.filter((i) => a.test(i) || b.test(i) || c.test(i) || d.test(i));
}
