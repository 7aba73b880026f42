<?php
function download()
{
    // ruleid: file-path-from-request
    readfile('/var/reports/' . $_GET['file']);
    // ruleid: file-path-from-request
    unlink($_POST['path']);
    // ok: file-path-from-request
    readfile('/var/reports/' . basename($_GET['file']));
    // ok: file-path-from-request
    $data = file_get_contents(__DIR__ . '/data.json');
    return $data;
}
