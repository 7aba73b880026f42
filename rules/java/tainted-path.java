import java.io.File;
import javax.servlet.http.HttpServletRequest;

class Download {
    File file(HttpServletRequest req) {
        String name = req.getParameter("name");
        // ruleid: tainted-path
        File f = new File("/data/uploads/" + name);
        // ok: tainted-path
        File g = new File("/data/uploads/index.html");
        return f.exists() ? f : g;
    }
}
