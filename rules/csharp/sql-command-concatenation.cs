using System.Data.SqlClient;

class UserRepository
{
    void Find(SqlConnection conn, AppDb db, string name, int id)
    {
        // ruleid: sql-command-concatenation
        var a = new SqlCommand("SELECT * FROM Users WHERE Name = '" + name + "'", conn);
        // ruleid: sql-command-concatenation
        var b = new SqlCommand($"DELETE FROM Sessions WHERE UserId = {id}", conn);
        // ruleid: sql-command-concatenation
        a.CommandText = String.Format("SELECT * FROM Users WHERE Id = {0}", id);
        // ruleid: sql-command-concatenation
        var users = db.Users.FromSqlRaw("SELECT * FROM Users WHERE Name = '" + name + "'");
        // ok: sql-command-concatenation
        var c = new SqlCommand("SELECT * FROM Users WHERE Name = @name", conn);
        // ok: sql-command-concatenation
        c.Parameters.AddWithValue("@name", name);
        // ok: sql-command-concatenation
        var d = db.Users.FromSqlInterpolated($"SELECT * FROM Users WHERE Id = {id}");
    }
}
