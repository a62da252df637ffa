<?php
header('X-Custom: hello');
header('X-Multi: first');
header('X-Multi: second', false);
header('Cache-Control: no-store');
header('Content-Type: text/plain; charset=utf-8');
echo "headers sent";
