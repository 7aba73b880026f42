use std::ffi::CString;
use std::os::raw::c_char;

extern "C" {
    fn puts(s: *const c_char) -> i32;
}

fn greet(name: &str) -> Result<(), std::ffi::NulError> {
    // ruleid: cstring-as-ptr-temporary
    let dangling = CString::new(name).unwrap().as_ptr();
    // ruleid: cstring-as-ptr-temporary
    let also = CString::new(name)?.as_ptr();
    // ok: cstring-as-ptr-temporary
    let owned = CString::new(name)?;
    let ptr = owned.as_ptr();
    unsafe {
        puts(ptr);
        puts(dangling);
        puts(also);
    }
    Ok(())
}
