<?php
function handler($n) {
    // ruleid: php-array-forms
    config(array("name" => $n, "debug" => true));
    // ruleid: php-string-interp
    fopen('/etc/' . 'passwd');
    // ruleid: php-string-interp
    fopen(<<<EOT
/etc/passwd
EOT);
    // ruleid: php-string-interp
    fopen(<<<'EOT'
/etc/passwd
EOT);
    // ok: php-string-interp
    fopen(<<<EOT
/etc/$name
EOT);
}
