import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.servlet.config.annotation.CorsRegistry;

class Cors {
    void headers(HttpServletResponse resp, CorsRegistry registry) {
        // ruleid: cors-any-origin
        resp.setHeader("Access-Control-Allow-Origin", "*");
        // ruleid: cors-any-origin
        registry.addMapping("/api/**").allowedOrigins("*");
        // ok: cors-any-origin
        registry.addMapping("/api/**").allowedOrigins("https://app.example.com");
    }

    // ruleid: cors-any-origin
    @CrossOrigin(origins = "*")
    void open() {
    }
}
