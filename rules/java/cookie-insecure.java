import jakarta.servlet.http.Cookie;

class Session {
    Cookie make(String id) {
        Cookie cookie = new Cookie("session", id);
        // ruleid: cookie-insecure
        cookie.setSecure(false);
        // ruleid: cookie-insecure
        cookie.setHttpOnly(false);
        // ok: cookie-insecure
        cookie.setSecure(true);
        return cookie;
    }
}
