// An anonymous function pattern also matches a named function expression.

// ok: timer-string
setTimeout(function connectTimeout() { abort(); }, 10);
// ok: timer-string
setTimeout(function () { abort(); }, 10);
// ruleid: timer-string
setTimeout(code, 10);

// `+=` of constants builds a constant string.
function build(flag, input) {
  let re = "^a";
  if (flag) {
    re += "b";
  }
  // ok: regexp-variable
  new RegExp(re);
  let other = "^a";
  other += input;
  // ruleid: regexp-variable
  new RegExp(other);
}
