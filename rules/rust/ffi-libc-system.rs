use std::ffi::CString;

fn extract(path: &str) -> i32 {
    let cmd = CString::new(format!("tar -xf {path}")).unwrap();
    // ruleid: ffi-libc-system
    let status = unsafe { libc::system(cmd.as_ptr()) };
    // ok: ffi-libc-system
    let _ = std::process::Command::new("tar").arg("-xf").arg(path).status();
    status
}
