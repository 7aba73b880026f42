fn handler() {
    // ruleid: rust-raw-hash-string
    open(r#"/etc/passwd"#);
    // ruleid: rust-method-kw
    let c = Client::builder().timeout(t).danger_accept_invalid_certs(true).build();
}
