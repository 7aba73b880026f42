use std::io::Read;

fn read_block(file: &mut std::fs::File, n: usize) -> std::io::Result<Vec<u8>> {
    let mut buf: Vec<u8> = Vec::with_capacity(n);
    // ruleid: vec-set-len
    unsafe { buf.set_len(n) };
    file.read(&mut buf)?;
    let mut scratch: Vec<u8> = Vec::new();
    // ok: vec-set-len
    unsafe { scratch.set_len(0) };
    // ok: vec-set-len
    let filled = vec![0u8; n];
    Ok([buf, filled].concat())
}
