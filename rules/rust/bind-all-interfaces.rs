use std::net::TcpListener;

fn serve() -> std::io::Result<()> {
    // ruleid: bind-all-interfaces
    let public = TcpListener::bind("0.0.0.0:8080")?;
    // ok: bind-all-interfaces
    let local = TcpListener::bind("127.0.0.1:8081")?;
    drop((public, local));
    Ok(())
}
