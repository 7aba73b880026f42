<?php
function calc($expr, $name)
{
    // ruleid: eval-dynamic-code
    eval('$result = ' . $expr . ';');
    // ruleid: eval-dynamic-code
    $f = create_function('$x', 'return $x * ' . $name . ';');
    // ruleid: eval-dynamic-code
    $out = preg_replace('/(\w+)/e', 'strtoupper("$1")', $name);
    // ok: eval-dynamic-code
    eval('return 1;');
    // ok: eval-dynamic-code
    $clean = preg_replace('/\s+/', ' ', $name);
    return [$result, $f, $out, $clean];
}
