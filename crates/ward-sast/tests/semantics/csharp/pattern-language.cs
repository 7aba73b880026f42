class Handler
{
    void Handle(string h, string n, string a, string b)
    {
        // ruleid: kwargs-any-order
        Connect(verify: false, host: h);
        // ruleid: kwargs-any-order
        Connect(host: h, verify: false);
        // ok: kwargs-any-order
        Connect(host: h, verify: true);
        // ruleid: string-by-value
        Open("/etc/passwd");
        // ok: string-by-value
        Open("/etc/hosts");
        // ruleid: dict-ellipsis
        var c1 = new Config { Name = n, Debug = true, Port = 1 };
        // ok: dict-ellipsis
        var c2 = new Config { Name = n, Debug = false };
        string x;
        // ruleid: statement-sequence
        x = Input();
        Log(x);
        Run(x);
        // ok: statement-sequence
        Run(n);
        // ruleid: comparison
        Sleep(30);
        // ruleid: comparison
        Sleep(0x20);
        // ok: comparison
        Sleep(5);
        Copy(a,
            // ruleid: focus
            b);
    }
}
