<?php
function reset_link($user)
{
    // ruleid: insecure-random-secret
    $token = md5(uniqid(mt_rand(), true));
    // ruleid: insecure-random-secret
    $user->reset_code = rand(100000, 999999);
    // ok: insecure-random-secret
    $secret = bin2hex(random_bytes(32));
    // ok: insecure-random-secret
    $dice = rand(1, 6);
    return [$token, $secret, $dice];
}
