using System.Diagnostics;

class Runner
{
    void Run(string host, string tool)
    {
        // ruleid: process-start-dynamic
        Process.Start("cmd.exe", "/c ping " + host);
        // ruleid: process-start-dynamic
        Process.Start(tool);
        // ruleid: process-start-dynamic
        var info = new ProcessStartInfo("/bin/sh", $"-c \"ping {host}\"");
        // ok: process-start-dynamic
        Process.Start("notepad.exe");
        // ok: process-start-dynamic
        var psi = new ProcessStartInfo("ping");
        psi.ArgumentList.Add(host);
    }
}
