package ma.crafts.register.platform.problem;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.juli.logging.Log;
import org.apache.juli.logging.LogFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

/**
 * Tomcat refuses some requests itself, before any filter, controller or Spring error page runs: a path with an encoded
 * slash or backslash, a malformed escape, an illegal character in the request target. Its own error report valve
 * answers those with an HTML page; this one answers problem+json, like every other error of the register.
 *
 * <p>The detail is fixed per status: Tomcat's message quotes the refused request target, which may hold a personal
 * value (a CIN in a path), and a problem never echoes one.
 */
final class ProblemErrorReportValve extends ErrorReportValve {
    private static final Log LOG = LogFactory.getLog(ProblemErrorReportValve.class);

    private final ProblemWriter writer;

    ProblemErrorReportValve(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            writer.write(request, response, ProblemMapper.forStatus(status, detail(status)));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not write the problem of a request the server refused", e);
        }
    }

    private static String detail(int status) {
        if (status == 400) {
            return "The server refused the request as malformed: its path or headers hold characters it does not "
                    + "accept, such as an encoded slash or backslash, a broken percent-escape or a control character";
        }
        HttpStatus known = HttpStatus.resolve(status);
        return "The server refused the request: " + (known == null ? "status " + status : known.getReasonPhrase());
    }

    /**
     * Puts the valve in the place of every error report valve of the host. It runs after Spring Boot's own customizer,
     * whose context customizer adds a plain {@link ErrorReportValve}; naming this class as the host's error report
     * valve keeps Tomcat from adding yet another when the host starts.
     */
    static final class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        private final ProblemWriter writer;

        Installer(ProblemWriter writer) {
            this.writer = writer;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> install((Host) context.getParent()));
        }

        private void install(Host host) {
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemErrorReportValve(writer));
            if (host instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
