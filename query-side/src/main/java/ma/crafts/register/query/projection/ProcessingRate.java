package ma.crafts.register.query.projection;

/**
 * Events per second of one processor, smoothed over successive samples of its position. A new processor (a rebuild
 * started, or a switch) starts a new measure, since positions of different processors do not subtract.
 */
final class ProcessingRate {

    /** Weight of the newest sample: about the last five samples count. */
    private static final double SMOOTHING = 0.3;

    private String processor;
    private long lastPosition;
    private long lastNanos;
    private double perSecond;

    synchronized void sample(String processorName, long position, long nanos) {
        if (!processorName.equals(processor) || position < lastPosition) {
            processor = processorName;
            perSecond = 0;
        } else if (nanos > lastNanos) {
            double current = (position - lastPosition) * 1e9 / (nanos - lastNanos);
            perSecond = perSecond == 0 ? current : SMOOTHING * current + (1 - SMOOTHING) * perSecond;
        }
        lastPosition = position;
        lastNanos = nanos;
    }

    synchronized double perSecond(String processorName) {
        return processorName.equals(processor) ? perSecond : 0;
    }
}
