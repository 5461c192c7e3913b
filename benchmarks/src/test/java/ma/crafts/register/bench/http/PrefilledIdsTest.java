package ma.crafts.register.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefilledIdsTest {
    @TempDir
    Path dir;

    @Test
    void readsBackEveryArtisanWithItsRegion_pastTheInitialCapacity() throws IOException {
        StringBuilder lines = new StringBuilder();
        UUID[] ids = new UUID[3000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
            lines.append(ids[i]).append('\t').append(i % 2 == 0 ? "MA-07" : "MA-03").append('\n');
        }
        Path file = Files.writeString(dir.resolve("ids.tsv"), lines, StandardCharsets.UTF_8);

        PrefilledIds read = PrefilledIds.read(file);

        assertThat(read.size()).isEqualTo(ids.length);
        assertThat(read.artisanId(0)).isEqualTo(ids[0].toString());
        assertThat(read.artisanId(2999)).isEqualTo(ids[2999].toString());
        assertThat(read.regionCode(2998)).isEqualTo("MA-07");
        assertThat(read.regionCode(2999)).isEqualTo("MA-03");
        assertThat(read.regions()).containsExactly("MA-07", "MA-03");
    }

    @Test
    void aMalformedLineOrAnEmptyFileIsReportedWithWhere() throws IOException {
        Path malformed = Files.writeString(dir.resolve("bad.tsv"), UUID.randomUUID() + "\tMA-01\nnot-an-id\tMA-02\n");
        assertThatThrownBy(() -> PrefilledIds.read(malformed))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2");
        Path empty = Files.writeString(dir.resolve("empty.tsv"), "");
        assertThatThrownBy(() -> PrefilledIds.read(empty))
                .isInstanceOf(IOException.class).hasMessageContaining("no artisan");
    }
}
