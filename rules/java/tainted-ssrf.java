import java.io.InputStream;
import java.net.URL;
import javax.servlet.http.HttpServletRequest;

class Proxy {
    InputStream fetch(HttpServletRequest req) throws Exception {
        String target = req.getParameter("url");
        // ruleid: tainted-ssrf
        URL url = new URL(target);
        // ok: tainted-ssrf
        URL status = new URL("https://status.example.com/health");
        return url.openStream();
    }
}
