const ejs = require("ejs");
const pug = require("pug");

function page(req, res) {
  // ruleid: template-injection
  const a = ejs.render("<h1>" + req.query.title + "</h1>");
  // ruleid: template-injection
  const b = pug.compile(req.body.layout);
  // ok: template-injection
  const c = ejs.render("<h1><%= title %></h1>", { title: req.query.title });
  res.send(a + b() + c);
}
