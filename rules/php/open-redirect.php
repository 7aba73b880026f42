<?php
function after_login($request)
{
    // ruleid: open-redirect
    header('Location: ' . $_GET['next']);
    // ruleid: open-redirect
    return redirect()->away($request->input('return_to'));
}

function fixed()
{
    // ok: open-redirect
    header('Location: /dashboard');
    // ok: open-redirect
    return redirect('/home');
}
