const express = require("express");

const app = express();
app.post("/login", (req, res) => {
  const id = "opaque";
  // ruleid: express-cookie-insecure
  res.cookie("session", id, { httpOnly: false });
  // ruleid: express-cookie-insecure
  res.cookie("session", id, { secure: false, httpOnly: true });
  // ok: express-cookie-insecure
  res.cookie("session", id, { httpOnly: true, secure: true });
  res.end();
});
