use std::mem;

fn bits(x: f32, r: &u8) -> (u32, u32, &'static u8) {
    // ruleid: mem-transmute
    let a: u32 = unsafe { std::mem::transmute(x) };
    // ruleid: mem-transmute
    let b = unsafe { mem::transmute::<f32, u32>(x) };
    // ruleid: mem-transmute
    let forever: &'static u8 = unsafe { mem::transmute(r) };
    // ok: mem-transmute
    let c = x.to_bits();
    (a + c, b, forever)
}
