// Parentheses around a matched expression are part of the match, but not the parentheses of
// an `if` or `while` condition.

// ruleid: eval-call
const a = (
  eval(x)
);

// ruleid: eval-call
if (eval(y)) {
  run();
}

while (
  // ruleid: eval-call
  eval(z)
) {
  run();
}
