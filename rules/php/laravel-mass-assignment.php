<?php
class UserController
{
    public function store($request)
    {
        // ruleid: laravel-mass-assignment
        $user = User::create($request->all());
        // ruleid: laravel-mass-assignment
        $user->update(request()->all());
        // ok: laravel-mass-assignment
        $other = User::create($request->validated());
        return [$user, $other];
    }
}
