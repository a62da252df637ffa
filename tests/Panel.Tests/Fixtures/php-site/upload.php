<?php
header('Content-Type: application/json');
$files = [];
foreach ($_FILES as $field => $file) {
    $files[$field] = [
        'name' => $file['name'],
        'size' => $file['size'],
        'error' => $file['error'],
        'sha256' => $file['error'] === UPLOAD_ERR_OK ? hash_file('sha256', $file['tmp_name']) : null,
    ];
}
echo json_encode(['files' => $files, 'title' => $_POST['title'] ?? null]);
