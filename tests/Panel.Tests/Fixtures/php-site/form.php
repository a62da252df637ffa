<?php
header('Content-Type: application/json');
echo json_encode([
    'method' => $_SERVER['REQUEST_METHOD'],
    'get' => $_GET,
    'post' => $_POST,
    'contentLength' => $_SERVER['CONTENT_LENGTH'] ?? null,
    'input' => ($_SERVER['CONTENT_TYPE'] ?? '') === 'text/plain' ? file_get_contents('php://input') : null,
]);
