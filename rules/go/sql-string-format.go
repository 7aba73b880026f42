package store

import (
	"context"
	"database/sql"
	"fmt"
)

func find(ctx context.Context, db *sql.DB, name string, id int) {
	// ruleid: sql-string-format
	db.Query(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name))
	// ruleid: sql-string-format
	db.ExecContext(ctx, "DELETE FROM users WHERE name = '"+name+"'")
	// ruleid: sql-string-format
	db.QueryRow("SELECT id FROM users WHERE name = '" + name + "'")
	// ok: sql-string-format
	db.Query("SELECT * FROM users WHERE name = $1", name)
	// ok: sql-string-format
	db.QueryRowContext(ctx, "SELECT id FROM users WHERE id = ?", id)
	// ok: sql-string-format
	fmt.Println(fmt.Sprintf("user %s", name))
}
