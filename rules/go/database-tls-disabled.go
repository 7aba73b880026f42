package db

import "database/sql"

func open() {
	// ruleid: database-tls-disabled
	sql.Open("postgres", "host=db user=app dbname=app sslmode=disable")
	// ok: database-tls-disabled
	sql.Open("postgres", "host=db user=app dbname=app sslmode=verify-full")
}
