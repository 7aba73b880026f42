<?php
function history($branch)
{
    // ruleid: backtick-shell
    $log = `git log --oneline $branch`;
    // ok: backtick-shell
    $version = `git --version`;
    return $log . $version;
}
