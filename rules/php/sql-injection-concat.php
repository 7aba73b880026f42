<?php
function find_user(PDO $pdo, mysqli $db, $conn)
{
    $id = $_GET['id'];
    // ruleid: sql-injection-concat
    $a = $pdo->query("SELECT * FROM users WHERE id = " . $id);
    // ruleid: sql-injection-concat
    $b = $db->query("SELECT * FROM users WHERE name = '$id'");
    // ruleid: sql-injection-concat
    $c = mysqli_query($conn, 'DELETE FROM sessions WHERE user = ' . $_POST['user']);
    // ok: sql-injection-concat
    $stmt = $pdo->prepare('SELECT * FROM users WHERE id = ?');
    // ok: sql-injection-concat
    $stmt->execute([$id]);
    // ok: sql-injection-concat
    $d = $pdo->query('SELECT COUNT(*) FROM users');
    return [$a, $b, $c, $d];
}
