import java.sql.Connection;
import java.sql.Statement;
import javax.servlet.http.HttpServletRequest;

class Users {
    void show(HttpServletRequest req, Connection conn) throws Exception {
        String id = req.getParameter("id");
        String sql = "SELECT * FROM users WHERE id = " + id;
        Statement stmt = conn.createStatement();
        // ruleid: tainted-sql
        stmt.executeQuery(sql);
        // ok: tainted-sql
        conn.prepareStatement("SELECT * FROM users WHERE id = ?");
    }
}
