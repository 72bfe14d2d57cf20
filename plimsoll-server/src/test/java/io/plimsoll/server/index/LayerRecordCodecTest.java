package io.plimsoll.server.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.image.layer.Compression;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.layer.LayerSummary;
import io.plimsoll.image.tree.LayerChanges;
import io.plimsoll.image.walk.LayerMemo;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerRecordCodecTest {

    @Test
    void aRecordingSurvivesTheRoundTrip() throws Exception {
        LayerEntry status = new LayerEntry("/var/lib/dpkg/status", FileType.REGULAR, 0644, 0, 0, 5, "", 1700000000L, false);
        LayerEntry link = new LayerEntry("/opt/b.jar", FileType.HARDLINK, 0644, 1, 2, 0, "/opt/a.jar", 1L, false);
        LayerEntry asLink = new LayerEntry("/opt/b.jar", FileType.REGULAR, 0755, 1, 2, 3, "", 1L, false);
        LayerMemo.Recorded r = new LayerMemo.Recorded(
                new LayerChanges(List.of(status, link), List.of("/etc/gone"), List.of("/var/cache")),
                new LayerSummary(10, 2048, 4, Compression.GZIP, List.of("a warning")),
                List.of(new LayerMemo.WantedFile(status, status, "hello".getBytes()),
                        new LayerMemo.WantedFile(status, status, "learnt".getBytes(), "dpkg-learner")),
                List.of(new LayerMemo.WantedFile(link, asLink, "jar".getBytes())), List.of("dpkg-learner"));
        Digest layer = Digest.sha256Of("layer".getBytes());
        LayerMemo.Recorded back = LayerRecordCodec.decode(layer, LayerRecordCodec.encode(layer, r));
        assertThat(back.changes()).isEqualTo(r.changes());
        assertThat(back.summary()).isEqualTo(r.summary());
        assertThat(back.files()).hasSize(2);
        assertThat(back.files().get(0).asked()).isEqualTo(status);
        assertThat(back.files().get(0).bytes()).isEqualTo("hello".getBytes());
        assertThat(back.files().get(0).isLearnt()).isFalse();
        assertThat(back.files().get(1).learntBy()).isEqualTo("dpkg-learner");
        assertThat(back.files().get(1).bytes()).isEqualTo("learnt".getBytes());
        assertThat(back.links().get(0).learntBy()).isEmpty();
        assertThat(back.learners()).containsExactly("dpkg-learner");
        assertThat(back.links().get(0).delivered()).isEqualTo(asLink);
        assertThat(back.links().get(0).asked()).isEqualTo(link);
    }

    @Test
    void aRowIsNeverTakenForAnotherLayersRecording() {
        LayerMemo.Recorded r = new LayerMemo.Recorded(new LayerChanges(List.of(), List.of(), List.of()),
                new LayerSummary(1, 2, 0, Compression.GZIP, List.of()), List.of(), List.of());
        byte[] row = LayerRecordCodec.encode(Digest.sha256Of("a".getBytes()), r);
        assertThatThrownBy(() -> LayerRecordCodec.decode(Digest.sha256Of("b".getBytes()), row))
                .isInstanceOf(IOException.class).hasMessageContaining("another layer");
    }

    @Test
    void garbageIsAnIoErrorNotACrash() {
        Digest layer = Digest.sha256Of("layer".getBytes());
        assertThatThrownBy(() -> LayerRecordCodec.decode(layer, "nope".getBytes())).isInstanceOf(IOException.class);
    }
}
