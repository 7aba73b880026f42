package orders

import (
	"database/sql"
	"net/http"
)

func show(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	query := "SELECT * FROM orders WHERE id = " + id
	// ruleid: tainted-sql
	db.Query(query)
	// ok: tainted-sql
	db.Query("SELECT * FROM orders WHERE id = $1", id)
}
