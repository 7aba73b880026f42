use std::ffi::{CStr, CString};
use std::os::raw::c_char;

#[no_mangle]
pub extern "C" fn name_len(name: *mut c_char) -> usize {
    // ruleid: from-raw-pointer
    let owned = unsafe { CString::from_raw(name) };
    owned.as_bytes().len()
}

#[no_mangle]
pub extern "C" fn name_len_borrowed(name: *const c_char) -> usize {
    // ok: from-raw-pointer
    let borrowed = unsafe { CStr::from_ptr(name) };
    borrowed.to_bytes().len()
}
