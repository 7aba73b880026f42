import java.io.File;
import java.nio.file.attribute.PosixFilePermissions;

class Perms {
    void perms(File file) {
        // ruleid: world-writable-permissions
        PosixFilePermissions.fromString("rwxrwxrwx");
        // ruleid: world-writable-permissions
        file.setWritable(true, false);
        // ok: world-writable-permissions
        PosixFilePermissions.fromString("rw-r-----");
    }
}
