import javax.net.ssl.SSLContext;

class Tls {
    void contexts() throws Exception {
        // ruleid: insecure-tls-version
        SSLContext.getInstance("TLSv1");
        // ruleid: insecure-tls-version
        SSLContext.getInstance("SSL");
        // ok: insecure-tls-version
        SSLContext.getInstance("TLSv1.3");
    }
}
