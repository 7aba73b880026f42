const child_process = require("child_process");

function run(ref) {
  // ruleid: spawn-shell-option
  child_process.spawn(`git log ${ref}`, { shell: true });
  // ruleid: spawn-shell-option
  child_process.spawnSync("git log " + ref, [], { shell: true });
  // ok: spawn-shell-option
  child_process.spawn("git", ["log", ref]);
  // ok: spawn-shell-option
  child_process.spawn("ls -l", { shell: true });
}
