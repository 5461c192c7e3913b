package ma.crafts.register.bench.http;

import java.util.HashMap;
import java.util.Map;

/** {@code --name=value} command-line options; every read names the option in its error. */
public final class Options {
    private final Map<String, String> values = new HashMap<>();

    public Options(String[] args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
    }

    public String text(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value.strip();
    }

    public String text(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    public long number(String name, long min, long max) {
        return parse(name, text(name), min, max);
    }

    public long number(String name, long fallback, long min, long max) {
        return values.containsKey(name) ? parse(name, text(name), min, max) : fallback;
    }

    public double fraction(String name, double fallback) {
        if (!values.containsKey(name)) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text(name));
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a number from 0 to 1, got '" + values.get(name) + "'");
    }

    private static long parse(String name, String text, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number from " + min + " to " + max
                + ", got '" + text + "'");
    }
}
