<?php
// What PHP sees of the request: the CGI params and getenv() of HTTP_PROXY (httpoxy).
header('Content-Type: application/json');
$server = $_SERVER;
$server['getenv_HTTP_PROXY'] = getenv('HTTP_PROXY');
$server['PHP_SELF_SEEN'] = $_SERVER['PHP_SELF'];
echo json_encode($server);
