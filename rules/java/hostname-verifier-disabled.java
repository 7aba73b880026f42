import javax.net.ssl.HttpsURLConnection;
import org.apache.http.conn.ssl.NoopHostnameVerifier;

class Tls {
    void connect(HttpsURLConnection conn) {
        // ruleid: hostname-verifier-disabled
        conn.setHostnameVerifier((host, session) -> true);
        // ruleid: hostname-verifier-disabled
        HttpsURLConnection.setDefaultHostnameVerifier((h, s) -> true);
        // ruleid: hostname-verifier-disabled
        Object v = NoopHostnameVerifier.INSTANCE;
        // ok: hostname-verifier-disabled
        conn.setHostnameVerifier((host, session) -> host.equals("api.example.com"));
    }
}
