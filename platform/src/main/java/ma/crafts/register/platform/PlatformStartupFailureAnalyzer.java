package ma.crafts.register.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link PlatformStartupException} anywhere in the failure's cause chain into Spring Boot's startup report. */
public class PlatformStartupFailureAnalyzer extends AbstractFailureAnalyzer<PlatformStartupException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PlatformStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
