function handler(n: string): void {
  // ruleid: ts-object-ellipsis
  config({ name: n, debug: true } as Options);
  // ruleid: ts-object-ellipsis
  config({ debug: true });
  // ruleid: ts-string
  open('/etc/' + 'passwd');
  // ruleid: ts-sequence
  const x: string = input();
  run(x);
}
