fn clients(ctx: &mut openssl::ssl::SslContextBuilder) -> reqwest::Result<reqwest::Client> {
    // ruleid: tls-verification-disabled
    ctx.set_verify(SslVerifyMode::NONE);
    // ok: tls-verification-disabled
    ctx.set_verify(SslVerifyMode::PEER);
    // ok: tls-verification-disabled
    let _strict = reqwest::Client::builder().danger_accept_invalid_certs(false).build()?;
    // ruleid: tls-verification-disabled
    reqwest::Client::builder().danger_accept_invalid_certs(true).build()
}
