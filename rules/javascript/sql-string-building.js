async function find(db, req) {
  // ruleid: sql-string-building
  await db.query(`SELECT * FROM users WHERE id = ${req.params.id}`);
  // ruleid: sql-string-building
  await db.query("SELECT * FROM users WHERE name = '" + req.query.name + "'");
  // ok: sql-string-building
  await db.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
  // ok: sql-string-building
  await db.query(`SELECT now()`);
  // ok: sql-string-building
  await cache.execute("GET " + req.query.key);
}
