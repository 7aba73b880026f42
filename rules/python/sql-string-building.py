import sqlite3
from sqlalchemy import text


def find(conn, name, user_id, table):
    cur = conn.cursor()
    # ruleid: sql-string-building
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")
    # ruleid: sql-string-building
    cur.execute("SELECT * FROM users WHERE id = %s" % user_id)
    # ruleid: sql-string-building
    cur.execute("DELETE FROM {} WHERE id = ?".format(table), (user_id,))
    # ruleid: sql-string-building
    conn.execute(text("SELECT * FROM t WHERE name = '" + name + "'"))
    # ok: sql-string-building
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    # ok: sql-string-building
    cur.execute("SELECT 1")
    return cur.fetchall()
