<?php
// A request that keeps its worker busy for ms milliseconds and says which worker it was.
usleep((int)($_GET['ms'] ?? 50) * 1000);
echo getmypid();
