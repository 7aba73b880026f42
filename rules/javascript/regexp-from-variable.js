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

// A variable that only ever holds constant strings is a constant pattern (as for Semgrep's
// constant propagation); one assigned from input is not.
const WORD = "[a-z]+";
let suffix = "$";

function words(text, flags) {
  const line = "^" + WORD + suffix;
  // ok: regexp-from-variable
  const a = new RegExp(line, flags);
  let user = "x";
  user = text.trim();
  // ruleid: regexp-from-variable
  const b = new RegExp(user);
  return a.test(text) || b.test(text);
}

function marker(name) {
  // A template literal is left out by the rule's `...` template pattern, interpolated or not.
  // ok: regexp-from-variable
  return new RegExp(`^${name}:`);
}
