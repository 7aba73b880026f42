const express = require("express");
const errorhandler = require("errorhandler");

const app = express();
// ruleid: express-error-details
app.use(errorhandler());
if (process.env.NODE_ENV === "development") {
  // ok: express-error-details
  app.use(errorhandler());
}
app.use((err, req, res, next) => {
  // ruleid: express-error-details
  res.status(500).send(err.stack);
});
