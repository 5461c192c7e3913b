package ma.crafts.register.reference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ma.crafts.register.values.LocalizedText;

/**
 * Morocco's 12 regions and 75 prefectures and provinces (ISO 3166-2:MA), read from the classpath files
 * {@code reference/regions.csv} and {@code reference/provinces.csv} (UTF-8, RFC 4180). Territory codes change rarely
 * but do change (splits, renames), which is why they are data and not an enum. Immutable and thread-safe.
 */
public final class Geography {

    /** A region; its chamber of crafts has the same territory. */
    public record Region(String code, LocalizedText name, String seat) {
    }

    /** A prefecture or province; {@code kind} is {@code prefecture} or {@code province}. */
    public record Province(String code, LocalizedText name, String kind, String regionCode) {
    }

    static final String REGIONS_RESOURCE = "reference/regions.csv";
    static final String PROVINCES_RESOURCE = "reference/provinces.csv";
    private static final Set<String> KINDS = Set.of("prefecture", "province");

    private final Map<String, Region> regions;
    private final Map<String, Province> provinces;

    private Geography(Map<String, Region> regions, Map<String, Province> provinces) {
        this.regions = Collections.unmodifiableMap(regions);
        this.provinces = Collections.unmodifiableMap(provinces);
    }

    /** Loads and validates the classpath lists; throws {@link ReferenceDataException} naming every problem. */
    public static Geography load() {
        return parse(readResource(REGIONS_RESOURCE), REGIONS_RESOURCE, readResource(PROVINCES_RESOURCE), PROVINCES_RESOURCE);
    }

    /** Builds a geography from CSV texts in the classpath files' layout; used by {@link #load()} and by tests. */
    public static Geography parse(String regionsCsv, String regionsSource, String provincesCsv, String provincesSource) {
        Map<String, Region> regions = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<List<String>> regionRows = rows(regionsCsv, regionsSource, List.of("code", "name_fr", "name_ar", "seat"));
        for (int i = 1; i < regionRows.size(); i++) {
            List<String> row = regionRows.get(i);
            String where = regionsSource + " line " + (i + 1);
            if (row.size() != 4) {
                problems.add(where + ": expected 4 fields, found " + row.size());
                continue;
            }
            String code = row.get(0).strip();
            if (!code.matches("MA-\\d{2}")) {
                problems.add(where + ": region code '" + code + "' is not of the form MA-NN");
            }
            requireText(problems, where, "name_fr", row.get(1));
            requireText(problems, where, "name_ar", row.get(2));
            requireText(problems, where, "seat", row.get(3));
            Region region = new Region(code, new LocalizedText(row.get(2).strip(), row.get(1).strip()), row.get(3).strip());
            if (regions.putIfAbsent(code, region) != null) {
                problems.add(where + ": duplicate region code " + code);
            }
        }
        Map<String, Province> provinces = new LinkedHashMap<>();
        List<List<String>> provinceRows = rows(provincesCsv, provincesSource, List.of("code", "name_fr", "name_ar", "kind", "region_code"));
        for (int i = 1; i < provinceRows.size(); i++) {
            List<String> row = provinceRows.get(i);
            String where = provincesSource + " line " + (i + 1);
            if (row.size() != 5) {
                problems.add(where + ": expected 5 fields, found " + row.size());
                continue;
            }
            String code = row.get(0).strip();
            if (!code.matches("MA-[A-Z]{3}")) {
                problems.add(where + ": province code '" + code + "' is not of the form MA-XXX");
            }
            requireText(problems, where, "name_fr", row.get(1));
            requireText(problems, where, "name_ar", row.get(2));
            String kind = row.get(3).strip();
            if (!KINDS.contains(kind)) {
                problems.add(where + ": kind '" + kind + "' is neither prefecture nor province");
            }
            String regionCode = row.get(4).strip();
            if (!regions.containsKey(regionCode)) {
                problems.add(where + ": province " + code + " names unknown region " + regionCode);
            }
            Province province = new Province(code, new LocalizedText(row.get(2).strip(), row.get(1).strip()), kind, regionCode);
            if (provinces.putIfAbsent(code, province) != null || regions.containsKey(code)) {
                problems.add(where + ": duplicate territory code " + code);
            }
        }
        if (regions.isEmpty()) {
            problems.add(regionsSource + ": no regions");
        }
        regions.keySet().stream()
                .filter(r -> provinces.values().stream().noneMatch(p -> p.regionCode().equals(r)))
                .forEach(r -> problems.add(regionsSource + ": region " + r + " has no province"));
        if (!problems.isEmpty()) {
            throw new ReferenceDataException(regionsSource + " / " + provincesSource, problems);
        }
        return new Geography(regions, provinces);
    }

    /** Regions in file order (MA-01 … MA-12). */
    public List<Region> regions() {
        return List.copyOf(regions.values());
    }

    /** Prefectures and provinces in file order. */
    public List<Province> provinces() {
        return List.copyOf(provinces.values());
    }

    public Optional<Region> region(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(regions.get(code));
    }

    public Optional<Province> province(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(provinces.get(code));
    }

    /** The prefectures and provinces of one region, in file order. */
    public List<Province> provincesOf(String regionCode) {
        return provinces.values().stream().filter(p -> p.regionCode().equals(regionCode)).toList();
    }

    private static List<List<String>> rows(String csv, String source, List<String> header) {
        List<List<String>> rows;
        try {
            rows = Csv.parse(csv);
        } catch (IllegalArgumentException e) {
            throw new ReferenceDataException(source, e.getMessage(), e);
        }
        if (rows.isEmpty() || !rows.get(0).stream().map(String::strip).toList().equals(header)) {
            throw new ReferenceDataException(source, List.of("header must be " + String.join(",", header)));
        }
        return rows;
    }

    private static void requireText(List<String> problems, String where, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(where + ": " + field + " is empty");
        }
    }

    static String readResource(String resource) {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(Geography.class.getClassLoader());
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ReferenceDataException("classpath:" + resource, List.of("resource not found"));
            }
            return utf8(in.readAllBytes(), "classpath:" + resource);
        } catch (IOException e) {
            throw new ReferenceDataException("classpath:" + resource, e.getMessage(), e);
        }
    }

    /** Strict decoding: a file saved in Latin-1 or Windows-1256 by mistake must fail loudly, not load mojibake. */
    static String utf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ReferenceDataException(source, "not valid UTF-8", e);
        }
    }
}
