import java.io.IOException;

class Git {
    void log(String ref) throws IOException {
        // ruleid: process-builder-shell
        new ProcessBuilder("sh", "-c", "git log " + ref).start();
        ProcessBuilder pb = new ProcessBuilder();
        // ruleid: process-builder-shell
        pb.command("cmd.exe", "/c", "dir " + ref);
        // ok: process-builder-shell
        new ProcessBuilder("sh", "-c", "uptime").start();
        // ok: process-builder-shell
        new ProcessBuilder("git", "log", "--", ref).start();
    }
}
