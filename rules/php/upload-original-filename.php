<?php
function upload()
{
    // ruleid: upload-original-filename
    move_uploaded_file($_FILES['f']['tmp_name'], 'uploads/' . $_FILES['f']['name']);
    // ok: upload-original-filename
    move_uploaded_file($_FILES['f']['tmp_name'], 'uploads/' . bin2hex(random_bytes(16)) . '.png');
}
