<?php
// ruleid: display-errors-enabled
ini_set('display_errors', '1');
// ruleid: display-errors-enabled
phpinfo();
// ok: display-errors-enabled
ini_set('display_errors', '0');
// ok: display-errors-enabled
ini_set('log_errors', '1');
