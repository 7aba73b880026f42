async fn find(pool: &sqlx::PgPool, conn: &rusqlite::Connection, name: &str) -> anyhow::Result<()> {
    // ruleid: sql-format-string
    let rows = sqlx::query(&format!("SELECT * FROM users WHERE name = '{name}'")).fetch_all(pool).await?;
    // ruleid: sql-format-string
    conn.execute(&format!("DELETE FROM sessions WHERE user = '{}'", name), [])?;
    // ok: sql-format-string
    let safe = sqlx::query("SELECT * FROM users WHERE name = $1").bind(name).fetch_all(pool).await?;
    // ok: sql-format-string
    conn.execute("DELETE FROM sessions WHERE user = ?1", [name])?;
    let _ = (rows, safe);
    Ok(())
}
