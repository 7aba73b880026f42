<?php
function preview()
{
    // ruleid: ssrf-request-url
    $ch = curl_init($_GET['url']);
    // ruleid: ssrf-request-url
    curl_setopt($ch, CURLOPT_URL, 'https://' . $_POST['host'] . '/status');
    // ruleid: ssrf-request-url
    $response = $client->request('GET', $_GET['feed']);
    // ok: ssrf-request-url
    $fixed = curl_init('https://status.example.com/');
    return [$ch, $response, $fixed];
}
