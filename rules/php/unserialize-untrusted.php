<?php
function preferences()
{
    // ruleid: unserialize-untrusted
    $prefs = unserialize($_COOKIE['prefs']);
    // ruleid: unserialize-untrusted
    $cache = unserialize(base64_decode($_POST['state']));
    // ok: unserialize-untrusted
    $safe = unserialize($_COOKIE['prefs'], ['allowed_classes' => false]);
    // ok: unserialize-untrusted
    $json = json_decode($_COOKIE['prefs'], true);
    return [$prefs, $cache, $safe, $json];
}
