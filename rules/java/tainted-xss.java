import java.io.PrintWriter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

class Hello {
    void hello(HttpServletRequest req, HttpServletResponse resp) throws Exception {
        String name = req.getParameter("name");
        PrintWriter out = resp.getWriter();
        // ruleid: tainted-xss
        out.println("<p>Hello " + name + "</p>");
        // ok: tainted-xss
        out.println("<p>Hello " + Encode.forHtml(name) + "</p>");
    }
}
