import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

class TrustAll implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] chain, String type) {}

    // ruleid: trust-all-certificates
    public void checkServerTrusted(X509Certificate[] chain, String type) {}

    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}

class Pinned implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] chain, String type) {}

    // ok: trust-all-certificates
    public void checkServerTrusted(X509Certificate[] chain, String type) throws java.security.cert.CertificateException {
        if (chain.length == 0) {
            throw new java.security.cert.CertificateException("empty chain");
        }
    }

    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
