<?php
// 10 MB in 64 KB pieces, flushed as it goes.
header('Content-Type: application/octet-stream');
$chunk = str_repeat('0123456789abcdef', 4096);
for ($i = 0; $i < 160; $i++) {
    echo $chunk;
    flush();
}
