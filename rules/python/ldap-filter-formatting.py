import ldap
from ldap.filter import escape_filter_chars

BASE = "ou=people,dc=example,dc=com"


def find(conn, user):
    # ruleid: ldap-filter-formatting
    conn.search_s(BASE, ldap.SCOPE_SUBTREE, f"(uid={user})")
    # ruleid: ldap-filter-formatting
    conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(mail=%s)" % user)
    # ok: ldap-filter-formatting
    conn.search_s(BASE, ldap.SCOPE_SUBTREE, f"(uid={escape_filter_chars(user)})")
    # ok: ldap-filter-formatting
    conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(objectClass=person)")
