<?php
function register($password, $name)
{
    // ruleid: weak-password-hash
    $a = md5($password);
    // ruleid: weak-password-hash
    $b = hash('sha1', $_POST['password']);
    // ok: weak-password-hash
    $c = password_hash($password, PASSWORD_DEFAULT);
    // ok: weak-password-hash
    $etag = md5($name);
    return [$a, $b, $c, $etag];
}
