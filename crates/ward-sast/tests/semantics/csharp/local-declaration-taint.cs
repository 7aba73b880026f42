class Handler
{
    void WithVar()
    {
        var input = ReadInput();
        var command = "ls " + input;
        // ruleid: local-declaration-taint
        Run(command);
    }

    void WithExplicitTypes()
    {
        string input = ReadInput();
        string first = "a", command = input.Trim();
        // ruleid: local-declaration-taint
        Run(command);
        // ok: local-declaration-taint
        Run(first);
    }

    void Reassigned()
    {
        var input = ReadInput();
        input = "constant";
        // ok: local-declaration-taint
        Run(input);
    }

    void Untainted()
    {
        var input = "constant";
        // ok: local-declaration-taint
        Run(input);
    }
}
