function buffers(size, text) {
  // ruleid: unsafe-buffer-allocation
  const a = new Buffer(size);
  // ruleid: unsafe-buffer-allocation
  const b = Buffer.allocUnsafe(size);
  // ok: unsafe-buffer-allocation
  const c = Buffer.alloc(size);
  // ok: unsafe-buffer-allocation
  const d = Buffer.from(text);
  return [a, b, c, d];
}
