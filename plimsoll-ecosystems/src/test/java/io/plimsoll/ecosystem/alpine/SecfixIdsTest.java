package io.plimsoll.ecosystem.alpine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Entries exactly as they occur in the real 2020 secdb (alpine-secdb-2020). */
class SecfixIdsTest {

    static String ids(String entry) {
        SecfixIds s = SecfixIds.parse(entry);
        return s.ids() + " " + s.aliases();
    }

    @Test
    void aPlainCveId() {
        assertThat(ids("CVE-2019-14904")).isEqualTo("[CVE-2019-14904] []");
        assertThat(ids("CVE-2018-1000845")).isEqualTo("[CVE-2018-1000845] []");
    }

    @Test
    void aCveWithAnotherTrackersIdMakesThatIdAnAlias() {
        assertThat(ids("CVE-2016-6258 XSA-182")).isEqualTo("[CVE-2016-6258] [XSA-182]");
        assertThat(ids("CVE-2018-3639   XSA-263")).isEqualTo("[CVE-2018-3639] [XSA-263]");
        assertThat(ids("CVE-2019-5060 TALOS-2019-0844")).isEqualTo("[CVE-2019-5060] [TALOS-2019-0844]");
        assertThat(ids("CVE-2016-10134 ZBX-11023")).isEqualTo("[CVE-2016-10134] [ZBX-11023]");
    }

    @Test
    void severalCvesInOneEntryAreEachAnId() {
        assertThat(ids("CVE-2017-5753 CVE-2017-5715 CVE-2017-5754 XSA-254 XPTI"))
                .isEqualTo("[CVE-2017-5753, CVE-2017-5715, CVE-2017-5754] [XSA-254]");
        assertThat(ids("CVE-2018-3620 CVE-2018-3646 XSA-273")).isEqualTo("[CVE-2018-3620, CVE-2018-3646] [XSA-273]");
    }

    @Test
    void commentsAndFileSuffixesAreNotIds() {
        assertThat(ids("CVE-2018-14468 (FrameRelay)")).isEqualTo("[CVE-2018-14468] []");
        assertThat(ids("CVE-2018-10103 (SMB - partially fixed, but SMB printing disabled)"))
                .isEqualTo("[CVE-2018-10103] []");
        assertThat(ids("CVE-2017-2616 (+ regression fix)")).isEqualTo("[CVE-2017-2616] []");
        assertThat(ids("CVE-2019-19451.patch")).isEqualTo("[CVE-2019-19451] []");
        // rsync's fix in two patches
        assertThat(ids("CVE-2017-17434-1")).isEqualTo("[CVE-2017-17434] []");
    }

    @Test
    void mistypedCveSeparatorsAreNormalised() {
        assertThat(ids("CVE_2019-2426")).isEqualTo("[CVE-2019-2426] []");
        assertThat(ids("CVE 2018-16859")).isEqualTo("[CVE-2018-16859] []");
    }

    @Test
    void withoutACveTheOtherIdsAreTheIds() {
        assertThat(ids("XSA-207")).isEqualTo("[XSA-207] []");
        assertThat(ids("CVE-????-?????  XSA-295")).isEqualTo("[XSA-295] []");
        assertThat(ids("wnpa-sec-2017-18")).isEqualTo("[wnpa-sec-2017-18] []");
        assertThat(ids("ZBX-11023")).isEqualTo("[ZBX-11023] []");
    }

    @Test
    void nothingRecognisable() {
        assertThat(SecfixIds.parse("XPTI").ids()).isEmpty();
        assertThat(SecfixIds.parse("").ids()).isEmpty();
        assertThat(SecfixIds.parse("CVE-????-?????").ids()).isEqualTo(List.of());
    }
}
