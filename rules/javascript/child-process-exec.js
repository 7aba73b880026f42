const cp = require("child_process");
const { execSync } = require("child_process");
import { exec as run } from "child_process";

function build(file, branch) {
  // ruleid: child-process-exec
  cp.exec("convert " + file + " out.png", (err) => console.log(err));
  // ruleid: child-process-exec
  execSync(`git checkout ${branch}`);
  // ruleid: child-process-exec
  run(`ls ${file}`);
  // ok: child-process-exec
  cp.exec("ls -la", () => {});
  // ok: child-process-exec
  cp.execFile("convert", [file, "out.png"]);
  // ok: child-process-exec
  execSync('git status');
}
