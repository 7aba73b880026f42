import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

// ruleid: spring-security-debug
@EnableWebSecurity(debug = true)
class DebugSecurity {
}

// ok: spring-security-debug
@EnableWebSecurity
class Security {
}
