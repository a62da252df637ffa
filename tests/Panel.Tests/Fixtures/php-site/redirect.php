<?php
if (($_GET['kind'] ?? '') === 'permanent') {
    header('Location: https://blog.test/new-home', true, 301);
} else {
    header('Location: /login?next=%2Fadmin');
}
