import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

class UserDao {
    void find(Connection conn, String name, int id) throws SQLException {
        Statement stmt = conn.createStatement();
        // ruleid: sql-string-concat
        stmt.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
        // ruleid: sql-string-concat
        stmt.executeUpdate("DELETE FROM users WHERE id = " + id);
        // ruleid: sql-string-concat
        conn.prepareStatement(String.format("SELECT * FROM %s", name));
        // ok: sql-string-concat
        conn.prepareStatement("SELECT * FROM users WHERE name = ?");
        // ok: sql-string-concat
        stmt.executeQuery("SELECT count(*) FROM users");
    }
}
