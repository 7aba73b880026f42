// `function` in a pattern also matches an `async function`.

// ruleid: fn-eval
function plain(x) {
  eval(x);
}

// ruleid: fn-eval
async function later(x) {
  await wait();
  eval(x);
}

// ok: fn-eval
function clean(x) {
  run(x);
}
