//! The progress bar: drawn on stderr for scans that take more than a moment, only on a
//! terminal, never when `CI` is set.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ward_scan::Progress;

/// How long a scan runs before the bar appears: short scans print no bar at all.
const SHOW_AFTER: Duration = Duration::from_millis(400);
const TICK: Duration = Duration::from_millis(100);

/// Whether a progress bar may be drawn at all.
pub fn wanted(disabled: bool) -> bool {
    !disabled && std::env::var_os("CI").is_none() && std::io::stderr().is_terminal()
}

/// Shows progress for `progress` until `done` is set. Run it on its own thread.
pub fn show(progress: &Progress, done: &AtomicBool) {
    let started = Instant::now();
    while started.elapsed() < SHOW_AFTER {
        if done.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(TICK);
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} scanning: {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    while !done.load(Ordering::Relaxed) {
        let files = progress.files.load(Ordering::Relaxed);
        let bytes = progress.bytes.load(Ordering::Relaxed);
        bar.set_message(format!("{files} files, {}", indicatif::HumanBytes(bytes)));
        bar.tick();
        std::thread::sleep(TICK);
    }
    bar.finish_and_clear();
}
