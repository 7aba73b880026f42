<?php
function save()
{
    $is_admin = false;
    // ruleid: extract-request-data
    extract($_POST);
    // ruleid: extract-request-data
    parse_str($_SERVER['QUERY_STRING']);
    // ok: extract-request-data
    parse_str($_SERVER['QUERY_STRING'], $query);
    // ok: extract-request-data
    extract(['a' => 1]);
    return [$is_admin, $query];
}
