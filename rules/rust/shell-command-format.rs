use std::process::Command;

fn list(dir: &str) -> std::io::Result<()> {
    // ruleid: shell-command-format
    Command::new("sh").arg("-c").arg(format!("ls -l {}", dir)).status()?;
    // ruleid: shell-command-format
    Command::new("bash").args(["-c", &format!("du -sh {dir}")]).status()?;
    // ok: shell-command-format
    Command::new("sh").arg("-c").arg("ls -l /tmp").status()?;
    // ok: shell-command-format
    Command::new("ls").arg("-l").arg(dir).status()?;
    Ok(())
}
