package ma.crafts.register.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ma.crafts.register.platform.PlatformStartupException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A static bearer secret that a metrics scraper (Prometheus) sends to {@code /actuator/prometheus} and nowhere else:
 * scrapers cannot renew JWTs, and a long-lived REGISTRY_ADMIN token on the monitoring host would open far more than the
 * metrics. The request it authenticates holds the {@link #AUTHORITY} authority and no role.
 */
public class MetricsScrapeToken extends OncePerRequestFilter {
    public static final String AUTHORITY = "METRICS_SCRAPE";
    static final String ACCEPTED = MetricsScrapeToken.class.getName() + ".ACCEPTED";
    private static final int MIN_LENGTH = 32;
    private static final String BEARER = "Bearer ";

    private final RequestMatcher metricsPath;
    private final byte[] token;

    /** @param token the configured secret; blank switches the scrape token off */
    public MetricsScrapeToken(RequestMatcher metricsPath, String token) {
        if (token != null && !token.isBlank() && token.trim().length() < MIN_LENGTH) {
            throw new PlatformStartupException("register.metrics.scrape-token is " + token.trim().length()
                    + " characters long; at least " + MIN_LENGTH + " are needed",
                    "Use a long random secret, e.g. `openssl rand -hex 32`, in REGISTER_METRICS_SCRAPE_TOKEN.");
        }
        this.metricsPath = metricsPath;
        this.token = token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    /** True when this request was authenticated by the scrape token, so its header is not a JWT to verify. */
    static boolean accepted(HttpServletRequest request) {
        return request.getAttribute(ACCEPTED) != null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return token == null || !metricsPath.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(token, header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
            request.setAttribute(ACCEPTED, Boolean.TRUE);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new PreAuthenticatedAuthenticationToken(
                    "metrics-scraper", null, List.of(new SimpleGrantedAuthority(AUTHORITY))));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
