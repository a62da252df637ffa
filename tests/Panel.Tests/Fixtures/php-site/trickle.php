<?php
// The first part is flushed, the rest follows a moment later: the body streams.
echo "first,";
flush();
usleep(300000);
echo "second";
