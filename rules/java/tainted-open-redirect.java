import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

class Login {
    void done(HttpServletRequest req, HttpServletResponse resp) throws Exception {
        String next = req.getParameter("next");
        // ruleid: tainted-open-redirect
        resp.sendRedirect(next);
        // ok: tainted-open-redirect
        resp.sendRedirect("/home");
    }
}
