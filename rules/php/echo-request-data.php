<?php
// ruleid: echo-request-data
echo "Hello " . $_GET['name'];
// ruleid: echo-request-data
echo "<input value=\"{$_POST['q']}\">";
// ok: echo-request-data
echo "Hello " . htmlspecialchars($_GET['name'], ENT_QUOTES, 'UTF-8');
// ok: echo-request-data
echo "Hello world";
