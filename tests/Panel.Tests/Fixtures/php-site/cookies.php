<?php
setcookie('session', 'abc123', ['path' => '/', 'httponly' => true]);
setcookie('theme', 'dark', ['path' => '/']);
header('Content-Type: application/json');
echo json_encode($_COOKIE);
