<?php
function thumbnail($file, $size)
{
    // ruleid: command-injection
    system("convert " . $file . " -resize " . $size . " out.png");
    // ruleid: command-injection
    $out = shell_exec("identify $file");
    // ruleid: command-injection
    exec($_GET['cmd'], $lines);
    // ok: command-injection
    system("convert " . escapeshellarg($file) . " out.png");
    // ok: command-injection
    exec("uptime", $lines);
    return $out;
}
