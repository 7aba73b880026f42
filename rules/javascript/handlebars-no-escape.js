const Handlebars = require("handlebars");

function templates(src) {
  // ruleid: handlebars-no-escape
  const a = Handlebars.compile(src, { noEscape: true });
  // ok: handlebars-no-escape
  const b = Handlebars.compile(src);
  return [a, b];
}
