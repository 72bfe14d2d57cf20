package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWrapTest {

    @Test
    void foldsAtSpacesAndIndentsTheRest() {
        assertThat(TextWrap.lines("warning: no data for alpine, osv; run it", 21, "  "))
                .containsExactly("warning: no data for", "  alpine, osv; run it");
        assertThat(TextWrap.lines("warning: no data for alpine, osv; run it", 20, "  "))
                .containsExactly("warning: no data for", "  alpine, osv; run", "  it");
        assertThat(TextWrap.lines("short", 20, "  ")).containsExactly("short");
    }

    @Test
    void keepsLeadingAndInnerSpacingAndCutsAWordLongerThanALine() {
        assertThat(TextWrap.lines("kev     https://example.com/a/very/long/mirror/path/", 24, "        "))
                .containsExactly("kev     https://example.", "        com/a/very/long/", "        mirror/path/");
        assertThat(TextWrap.lines("    indented text here", 14, "    "))
                .containsExactly("    indented", "    text here");
    }
}
