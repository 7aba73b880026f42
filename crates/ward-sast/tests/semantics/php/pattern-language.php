<?php
function handler($h, $n, $a, $b) {
    // ruleid: kwargs-any-order
    connect(verify: false, host: $h);
    // ruleid: kwargs-any-order
    connect(host: $h, verify: false);
    // ok: kwargs-any-order
    connect(host: $h, verify: true);
    // ruleid: string-by-value
    fopen('/etc/passwd');
    // ruleid: string-by-value
    fopen("/etc/passwd");
    // ok: string-by-value
    fopen("/etc/hosts");
    // ruleid: dict-ellipsis
    config(["name" => $n, "debug" => true, 'port' => 1]);
    // ruleid: dict-ellipsis
    config(['debug' => true]);
    // ok: dict-ellipsis
    config(["name" => $n, "debug" => false]);
    // ruleid: statement-sequence
    $x = input();
    echo $x;
    run($x);
    // ok: statement-sequence
    run($n);
    // ruleid: comparison
    sleep(30);
    // ruleid: comparison
    sleep(0x20);
    // ok: comparison
    sleep(5);
    copy($a,
        // ruleid: focus
        $b);
}
