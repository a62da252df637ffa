<?php
// A small WordPress-like front controller: every URL that is not a file lands here (tryFiles fallback)
// and is routed by REQUEST_URI, like pretty permalinks.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
header('Content-Type: text/html; charset=UTF-8');
header('X-Front-Controller: index.php');

if ($path === '/' || $path === '/index.php') {
    echo "<h1>Front page</h1>";
    return;
}
if (preg_match('#^/(\d{4})/([a-z0-9-]+)/?$#', $path, $m)) {
    echo "<h1>Post " . htmlspecialchars($m[2]) . " from " . $m[1] . "</h1>";
    echo "<p>query=" . htmlspecialchars($_SERVER['QUERY_STRING']) . " preview=" . htmlspecialchars($_GET['preview'] ?? '') . "</p>";
    return;
}
if (preg_match('#^/category/([a-z0-9-]+)/?$#', $path, $m)) {
    echo "<h1>Category " . htmlspecialchars($m[1]) . "</h1>";
    return;
}
http_response_code(404);
echo "<h1>index.php found nothing at " . htmlspecialchars($path) . "</h1>";
