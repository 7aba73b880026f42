import java.io.IOException;

class Convert {
    void run(String file, String[] argv) throws IOException {
        // ruleid: runtime-exec
        Runtime.getRuntime().exec("convert " + file + " out.png");
        // ruleid: runtime-exec
        Runtime.getRuntime().exec(argv);
        // ok: runtime-exec
        Runtime.getRuntime().exec("uptime");
    }
}
