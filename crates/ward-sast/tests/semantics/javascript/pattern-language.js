function handler(h, n, a, b) {
  // ruleid: string-by-value
  open('/etc/passwd');
  // ruleid: string-by-value
  open(`/etc/passwd`);
  // ok: string-by-value
  open("/etc/hosts");
  // ruleid: dict-ellipsis
  config({ name: n, debug: true, port: 1 });
  // ruleid: dict-ellipsis
  config({ "debug": true });
  // ok: dict-ellipsis
  config({ name: n, debug: false });
  // ruleid: statement-sequence
  x = input();
  console.log(x);
  run(x);
  // ok: statement-sequence
  run(n);
  // ruleid: comparison
  sleep(30);
  // ruleid: comparison
  sleep(0x20);
  // ok: comparison
  sleep(5);
  // ruleid: quoted-key
  settings({ verbose: true });
  // ruleid: quoted-key
  settings({ 'verbose': true, level: 2 });
  // ok: quoted-key
  settings({ verbose: false });
  copy(a,
    // ruleid: focus
    b);
}
