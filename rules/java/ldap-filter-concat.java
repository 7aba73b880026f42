import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;

class Directory {
    void find(DirContext ctx, String user, SearchControls controls) throws Exception {
        // ruleid: ldap-filter-concat
        ctx.search("ou=people,dc=example,dc=com", "(uid=" + user + ")", controls);
        // ruleid: ldap-filter-concat
        ctx.search("ou=people", String.format("(mail=%s)", user), controls);
        // ok: ldap-filter-concat
        ctx.search("ou=people", "(uid={0})", new Object[] {user}, controls);
    }
}
