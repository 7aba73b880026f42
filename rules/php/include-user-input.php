<?php
// ruleid: include-user-input
include $_GET['page'];
// ruleid: include-user-input
require_once 'pages/' . $_REQUEST['p'] . '.php';
// ok: include-user-input
include 'header.php';
// ok: include-user-input
require_once __DIR__ . '/vendor/autoload.php';
