// A block pattern with `...`: anchored at the first statement, open at the end, and the last
// pattern statement may sit in a nested block.

// ruleid: js-body-open
function gap() {
  x = 1;
  y = 2;
  eval(1);
  print();
}

// ruleid: js-body-open
function nested() {
  x = 1;
  if (a) { eval(1); }
}

// ok: js-body-open
function notFirst() {
  y = 0;
  x = 1;
  eval(1);
}
