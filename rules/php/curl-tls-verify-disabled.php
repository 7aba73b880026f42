<?php
function fetch($url)
{
    $ch = curl_init($url);
    // ruleid: curl-tls-verify-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
    // ruleid: curl-tls-verify-disabled
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_SSL_VERIFYHOST => 0]);
    // ruleid: curl-tls-verify-disabled
    $client = new Client(['base_uri' => $url, 'verify' => false]);
    // ok: curl-tls-verify-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
    return curl_exec($ch);
}
