<?php
if (isset($_GET['reason'])) {
    header('Status: ' . (int)$_GET['code'] . ' ' . $_GET['reason']);
} else {
    http_response_code((int)($_GET['code'] ?? 200));
}
echo "status page";
