package ma.crafts.register.bench.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The artisans the pre-fill registered ({@code artisanId<TAB>regionCode} lines), held as two longs and a region index
 * each so that a million of them take ~17 MB instead of a few hundred.
 */
final class PrefilledIds {
    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private byte[] region = new byte[1024];
    private final List<String> regions = new ArrayList<>();
    private int size;

    static PrefilledIds read(Path file) throws IOException {
        PrefilledIds ids = new PrefilledIds();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IOException(file + " line " + lineNumber + ": expected artisanId<TAB>regionCode");
                }
                try {
                    ids.add(UUID.fromString(line.substring(0, tab)), line.substring(tab + 1).strip());
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + " line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
        }
        if (ids.size == 0) {
            throw new IOException(file + " lists no artisan");
        }
        return ids;
    }

    private void add(UUID id, String regionCode) {
        if (size == high.length) {
            high = Arrays.copyOf(high, size * 2);
            low = Arrays.copyOf(low, size * 2);
            region = Arrays.copyOf(region, size * 2);
        }
        int index = regions.indexOf(regionCode);
        if (index < 0) {
            regions.add(regionCode);
            index = regions.size() - 1;
        }
        high[size] = id.getMostSignificantBits();
        low[size] = id.getLeastSignificantBits();
        region[size] = (byte) index;
        size++;
    }

    int size() {
        return size;
    }

    String artisanId(int i) {
        return new UUID(high[i], low[i]).toString();
    }

    String regionCode(int i) {
        return regions.get(region[i]);
    }

    List<String> regions() {
        return List.copyOf(regions);
    }
}
