const { exec, execFile } = require("child_process");

function ping(req, res) {
  const host = req.query.host;
  const cmd = `ping -c 1 ${host}`;
  // ruleid: tainted-command
  exec(cmd, (err, out) => res.send(out));
  // ok: tainted-command
  execFile("ping", ["-c", "1", host], (err, out) => res.send(out));
  // ok: tainted-command
  exec("uptime", (err, out) => res.send(out));
}

module.exports = { ping };
