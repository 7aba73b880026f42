class H {
    void h(boolean c) {
        // ruleid: java-text-block
        open("/etc/" + "passwd");
        // ruleid: java-sequence-decl
        String x = input();
        if (c) {
            run(x);
        }
    }
}
