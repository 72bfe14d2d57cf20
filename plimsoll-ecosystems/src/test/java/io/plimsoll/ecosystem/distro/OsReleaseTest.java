package io.plimsoll.ecosystem.distro;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.ecosystem.testing.Txtar;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class OsReleaseTest {

    private static Map<String, String> parse(String text) {
        return OsRelease.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsBareAndQuotedValues() {
        assertThat(parse("""
                ID=debian
                NAME="Debian GNU/Linux"
                VERSION_ID='12'
                """)).containsExactly(entry("ID", "debian"), entry("NAME", "Debian GNU/Linux"),
                entry("VERSION_ID", "12"));
    }

    @Test
    void appliesBackslashEscapesInDoubleQuotesOnly() {
        Map<String, String> v = parse("""
                A="say \\"hi\\" for \\$5 and \\\\ \\`x\\`"
                B='no \\escapes\\ here'
                C="other \\n stays"
                D=bare\\ space
                """);
        assertThat(v).containsEntry("A", "say \"hi\" for $5 and \\ `x`")
                .containsEntry("B", "no \\escapes\\ here")
                .containsEntry("C", "other \\n stays")
                .containsEntry("D", "bare space");
    }

    @Test
    void skipsCommentsBlankLinesAndNonAssignments() {
        assertThat(parse("""
                # a comment
                   # an indented comment

                not an assignment
                1BAD=key
                BAD KEY=x
                =nokey
                GOOD=yes
                """)).containsExactly(entry("GOOD", "yes"));
    }

    @Test
    void keepsEmptyValuesAndTheLastOfRepeatedKeys() {
        assertThat(parse("A=\nB=\"\"\nC=1\nC=2\n")).containsExactly(entry("A", ""), entry("B", ""), entry("C", "2"));
    }

    @Test
    void stopsABareValueAtWhitespaceButKeepsQuotedSpaces() {
        assertThat(parse("VERSION=\"15.1 \"\nURL=\"https://x\" \nID=sles # trailing comment\n"))
                .containsExactly(entry("VERSION", "15.1 "), entry("URL", "https://x"), entry("ID", "sles"));
    }

    @Test
    void joinsAdjacentQuotedPartsAsTheShellDoes() {
        assertThat(parse("A=\"one\"'two'three\n")).containsEntry("A", "onetwothree");
    }

    @Test
    void endsAnUnclosedQuoteAtItsLine() {
        assertThat(parse("A=\"open\nB=next\n")).containsExactly(entry("A", "open"), entry("B", "next"));
    }

    @Test
    void handlesCrlfLeadingWhitespaceAndByteOrderMark() {
        assertThat(parse("\uFEFFID=debian\r\n   VERSION_ID=\"8\"\r\nNAME=\"x\r\n"))
                .containsExactly(entry("ID", "debian"), entry("VERSION_ID", "8"), entry("NAME", "x"));
    }

    @Test
    void survivesBinaryGarbage() {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            byte[] junk = new byte[random.nextInt(4096)];
            random.nextBytes(junk);
            Map<String, String> v = OsRelease.parse(junk);
            assertThat(v.keySet()).allMatch(k -> k.matches("[A-Za-z_][A-Za-z0-9_]*"));
        }
    }

    /**
     * claircore's os-release cases: each txtar holds the file and the key/value map its parser must produce
     * ("Parsed"); every one must match exactly.
     */
    @Test
    void matchesEveryClaircoreParsedMap() throws IOException {
        Path dir = SharedCorpus.require("corpus/claircore/osrelease/testdata");
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(p -> p.toString().endsWith(".txtar")).sorted().toList();
        }
        ObjectMapper json = new ObjectMapper();
        for (Path c : cases) {
            Map<String, String> members = Txtar.read(c);
            Map<String, String> want = json.readValue(members.get("Parsed"), new TypeReference<>() { });
            assertThat(OsRelease.parse(members.get("os-release").getBytes(StandardCharsets.UTF_8)))
                    .as(c.getFileName().toString()).isEqualTo(want);
        }
        assertThat(cases).hasSize(11);
    }
}
