const vm = require("vm");

function run(req, res) {
  // ruleid: eval-code
  const total = eval(req.query.expr);
  // ruleid: eval-code
  const f = new Function("a", "b", req.body.code);
  // ruleid: eval-code
  setTimeout("refresh(" + req.query.id + ")", 100);
  // ruleid: eval-code
  vm.runInNewContext(req.body.script, {});
  // ok: eval-code
  setTimeout(() => refresh(req.query.id), 100);
  // ok: eval-code
  setInterval(function () { poll(); }, 1000);
  // ok: eval-code
  eval("2 + 2");
  res.send(String(total) + f);
}
