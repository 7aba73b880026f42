const vm = require("vm");

function run(code) {
  // ruleid: vm-code-injection
  const script = new vm.Script(code);
  // ruleid: vm-code-injection
  const fn = vm.compileFunction("return " + code);
  // ok: vm-code-injection
  const fixed = new vm.Script("1 + 1");
  return [script, fn, fixed];
}
