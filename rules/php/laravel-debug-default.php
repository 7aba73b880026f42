<?php
return [
    'name' => env('APP_NAME', 'Shop'),
    // ruleid: laravel-debug-default
    'debug' => (bool) env('APP_DEBUG', true),
    // ok: laravel-debug-default
    'debug_fixed' => (bool) env('APP_DEBUG', false),
];
