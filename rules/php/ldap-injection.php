<?php
function login($ds, $base)
{
    // ruleid: ldap-injection
    $r = ldap_search($ds, $base, "(uid=" . $_POST['user'] . ")");
    // ok: ldap-injection
    $s = ldap_search($ds, $base, "(uid=" . ldap_escape($_POST['user'], '', LDAP_ESCAPE_FILTER) . ")");
    return [$r, $s];
}
