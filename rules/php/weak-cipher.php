<?php
function seal($data, $key, $iv)
{
    // ruleid: weak-cipher
    $a = openssl_encrypt($data, 'des-ede3-cbc', $key, 0, $iv);
    // ruleid: weak-cipher
    $b = openssl_encrypt($data, 'AES-128-ECB', $key);
    // ruleid: weak-cipher
    $c = mcrypt_encrypt(MCRYPT_RIJNDAEL_128, $key, $data, MCRYPT_MODE_CBC, $iv);
    // ok: weak-cipher
    $d = openssl_encrypt($data, 'aes-256-gcm', $key, 0, $iv, $tag);
    return [$a, $b, $c, $d];
}
