use std::mem::transmute;

fn f(x: f32) -> u32 {
    // ruleid: use-plain
    let a: u32 = unsafe { transmute(x) };
    // ok: use-plain
    let b = other::transmute(x);
    a + b
}
