fn handler(h: &str, n: &str, a: &str, b: &str) {
    // ruleid: string-by-value
    open("/etc/passwd");
    // ruleid: string-by-value
    open(r"/etc/passwd");
    // ok: string-by-value
    open("/etc/hosts");
    // ruleid: statement-sequence
    let x = input();
    println!("{}", x);
    run(x);
    // ok: statement-sequence
    run(n);
    // ruleid: comparison
    sleep(30);
    // ruleid: comparison
    sleep(0x20);
    // ok: comparison
    sleep(5);
    copy(a,
        // ruleid: focus
        b);
}
