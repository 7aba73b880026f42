const fs = require("fs");
const path = require("path");

function download(req, res) {
  const file = path.join(__dirname, "files", req.params.name);
  // ruleid: tainted-path
  res.sendFile(file);
}

function read(req, res) {
  // ruleid: tainted-path
  fs.readFile("/srv/data/" + req.query.doc, "utf8", (err, text) => res.send(text));
  const safe = path.basename(req.query.doc);
  // ok: tainted-path
  fs.readFile(path.join("/srv/data", safe), "utf8", (err, text) => res.send(text));
}

module.exports = { download, read };
