<?php
error_log('hostpanel-stderr-marker ' . ($_GET['id'] ?? ''));
echo "logged";
