import javax.servlet.http.HttpServletRequest;

class Ping {
    void ping(HttpServletRequest req) throws Exception {
        String host = req.getParameter("host");
        // ruleid: tainted-command
        Runtime.getRuntime().exec("ping -c 1 " + host);
        // ok: tainted-command
        Runtime.getRuntime().exec("uptime");
    }
}
