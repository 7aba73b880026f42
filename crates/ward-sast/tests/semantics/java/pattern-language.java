class Handler {
    void handle(String h, String n, String a, String b) {
        // ruleid: string-by-value
        open("/etc/passwd");
        // ruleid: string-by-value
        open("/etc/" + "passwd");
        // ok: string-by-value
        open("/etc/hosts");
        String x;
        // ruleid: statement-sequence
        x = input();
        System.out.println(x);
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
}
