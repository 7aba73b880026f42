const express = require("express");

const app = express();

app.get("/login", (req, res) => {
  const next = req.query.next;
  // ruleid: tainted-open-redirect
  res.redirect(next);
});

app.get("/home", (req, res) => {
  // ok: tainted-open-redirect
  res.redirect("/dashboard");
});
