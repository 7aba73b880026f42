<?php
function handler($n) {
    // ruleid: php-array-forms
    config(array("name" => $n, "debug" => true));
    // ruleid: php-string-interp
    fopen('/etc/' . 'passwd');
    // A heredoc is not read as a literal yet (Semgrep matches it): a known gap.
    // todoruleid: php-string-interp
    fopen(<<<EOT
/etc/passwd
EOT);
}
