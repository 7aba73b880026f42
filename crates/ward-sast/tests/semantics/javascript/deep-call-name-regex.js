function f(x) {
  // ruleid: deep-call-name-regex
  eval(trim(wrap(readInput(x))));
  // ruleid: deep-call-name-regex
  eval("a" + trim(x) + fetchParam("q"));
  // ok: deep-call-name-regex
  eval(trim(wrap(x)));
}
