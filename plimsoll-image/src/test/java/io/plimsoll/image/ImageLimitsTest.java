package io.plimsoll.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageLimitsTest {

    @Test
    void theDefaultEntryBudgetFollowsTheHeapBetweenItsBounds() {
        assertThat(ImageLimits.defaultMaxEntries(48L << 20)).isEqualTo(400_000);
        assertThat(ImageLimits.defaultMaxEntries(256L << 20)).isEqualTo((256L << 20) / 640);
        assertThat(ImageLimits.defaultMaxEntries(1L << 30)).isEqualTo((1L << 30) / 640);
        assertThat(ImageLimits.defaultMaxEntries(64L << 30)).isEqualTo(10_000_000);
        assertThat(ImageLimits.DEFAULT.maxPathBytesTotal()).isEqualTo(ImageLimits.DEFAULT_MAX_ENTRIES * 84);
        assertThat(ImageLimits.DEFAULT.withMaxEntries(1_000_000).maxPathBytesTotal())
                .isEqualTo(Math.max(ImageLimits.DEFAULT.maxPathBytesTotal(), 84_000_000L));
    }
}
