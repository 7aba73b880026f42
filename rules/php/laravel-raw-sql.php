<?php
use Illuminate\Support\Facades\DB;

class UserRepository
{
    public function search($request)
    {
        $email = $request->input('email');
        // ruleid: laravel-raw-sql
        $a = DB::select("select * from users where email = '$email'");
        // ruleid: laravel-raw-sql
        $b = User::query()->orderByRaw('created_at ' . $request->input('dir'))->get();
        // ok: laravel-raw-sql
        $c = DB::select('select * from users where email = ?', [$email]);
        // ok: laravel-raw-sql
        $d = User::query()->whereRaw('price > ?', [$request->input('price')])->get();
        return [$a, $b, $c, $d];
    }
}
