use std::mem;

#[derive(Default)]
struct Settings {
    port: u16,
}

fn make() -> (Settings, u64, Settings) {
    // ruleid: mem-uninitialized
    let a: Settings = unsafe { std::mem::uninitialized() };
    // ruleid: mem-uninitialized
    let b = unsafe { mem::zeroed::<u64>() };
    // ok: mem-uninitialized
    let c = Settings::default();
    // ok: mem-uninitialized
    let size = mem::size_of::<Settings>();
    let _ = size;
    (a, b, c)
}
