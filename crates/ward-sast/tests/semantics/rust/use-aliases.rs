use std::process::Command as C;
use std::process::{Command as Cmd, Stdio};
use std::process;

fn run(x: &str) {
    // ruleid: use-aliases
    C::new(x);
    // ruleid: use-aliases
    Cmd::new(x);
    // ruleid: use-aliases
    process::Command::new(x);
    // ruleid: use-aliases
    std::process::Command::new(x);
    // ok: use-aliases
    Other::new(x);
    // ok: use-aliases
    Stdio::new(x);
}
