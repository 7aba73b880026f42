const express = require("express");
const escapeHtml = require("escape-html");
const app = express();

app.get("/hello", (req, res) => {
  const name = req.query.name;
  const page = `<h1>Hello ${name}</h1>`;
  // ruleid: tainted-xss
  res.send(page);
});

app.get("/safe", (req, res) => {
  const name = escapeHtml(req.query.name);
  // ok: tainted-xss
  res.send("<h1>Hello " + name + "</h1>");
});

app.get("/echo", function (req, res) {
  const parts = [];
  parts.push(req.body.message);
  // ruleid: tainted-xss
  res.write(parts.join("\n"));
  // ok: tainted-xss
  res.write("done");
  res.end();
});
