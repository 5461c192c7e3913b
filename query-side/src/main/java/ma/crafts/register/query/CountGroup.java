package ma.crafts.register.query;

import java.util.Map;

/**
 * One group of a count: the value of each dimension counted by, and how many actors have them. The statistics and the
 * eligible counts answer with the same shape, so they share one type (and one OpenAPI schema).
 */
public record CountGroup(Map<String, String> key, long count) {
}
