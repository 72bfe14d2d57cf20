package io.plimsoll.ecosystem.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarning;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequirementsParserTest {

    static ParseResult<LockedDistribution> parse(String text) {
        return RequirementsParser.parse("/app/requirements.txt", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onlyExactPinsAreRead() {
        ParseResult<LockedDistribution> r = parse("""
                a==1.0
                b===2.0
                c>=1.0
                d==1.*
                e~=1.1
                f==1.0,!=1.1
                g
                h!=3
                """);
        assertThat(r.packages()).extracting(LockedDistribution::declaredName, LockedDistribution::version)
                .containsExactly(tuple("a", "1.0"), tuple("b", "2.0"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void continuationsCommentsHashesMarkersExtras() {
        ParseResult<LockedDistribution> r = parse("""
                # header comment
                Django[argon2,bcrypt] == 4.2.11 ; python_version >= "3.8" \\
                    --hash=sha256:aaa \\
                    --hash=sha256:bbb    # trailing comment
                pkg @ git+https://example.com/pkg.git#egg=pkg
                zope.interface==6.2  # pinned
                """);
        assertThat(r.packages()).extracting(LockedDistribution::declaredName, LockedDistribution::version)
                .containsExactly(tuple("Django", "4.2.11"), tuple("zope.interface", "6.2"));
        LockedDistribution django = r.packages().get(0);
        assertThat(django.metadata()).containsEntry("extras", "argon2,bcrypt")
                .containsEntry("markers", "python_version >= \"3.8\"").containsEntry("hashes", "sha256:aaa,sha256:bbb");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void urlFragmentsAreNotComments() {
        assertThat(RequirementsParser.stripComment("git+https://h/x.git#egg=x")).isEqualTo("git+https://h/x.git#egg=x");
        assertThat(RequirementsParser.stripComment("a==1 #c")).isEqualTo("a==1");
        assertThat(RequirementsParser.stripComment("#c")).isEmpty();
    }

    @Test
    void includesAreNamedNotFollowedOtherOptionsIgnored() {
        ParseResult<LockedDistribution> r = parse("""
                -r base.txt
                --requirement=prod.txt
                -rdev.txt
                -c constraints.txt
                -e .
                --index-url https://pypi.example/simple
                --only-binary :all:
                ./local/pkg
                https://example.com/pkg-1.0.tar.gz
                """);
        assertThat(r.packages()).isEmpty();
        assertThat(r.warnings()).extracting(ParseWarning::line, ParseWarning::message).containsExactly(
                tuple(1, "includes base.txt; not followed (requirements files are read one by one)"),
                tuple(2, "includes prod.txt; not followed (requirements files are read one by one)"),
                tuple(3, "includes dev.txt; not followed (requirements files are read one by one)"));
    }

    @Test
    void malformedLinesAreWarningsWithTheirFirstLine() {
        ParseResult<LockedDistribution> r = parse("""
                good==1.0
                bad name==1.0
                [oops]==2
                broken[extra==3
                ver==1.0$x
                continued==\\
                2.0
                """);
        assertThat(r.packages()).extracting(LockedDistribution::declaredName, LockedDistribution::version)
                .containsExactly(tuple("good", "1.0"), tuple("continued", "2.0"));
        assertThat(r.warnings()).extracting(ParseWarning::line).containsExactly(2, 3, 4, 5);
        assertThat(r.warnings().get(0).toString()).startsWith("/app/requirements.txt:2: ");
    }

    @Test
    void aBackslashOnTheLastLineStillEndsTheRequirement() {
        assertThat(parse("x==1.0 \\").packages()).extracting(LockedDistribution::version).containsExactly("1.0");
    }

    @Test
    void theSamePinTwiceIsOnePackage() {
        assertThat(parse("A_b==1\na-b==1\na-b==2\n").packages()).hasSize(2);
    }
}
