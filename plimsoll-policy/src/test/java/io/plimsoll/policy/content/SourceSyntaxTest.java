package io.plimsoll.policy.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceSyntaxTest {

    private static SourceSyntax of(String path, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return SourceSyntax.of(path, b, b.length);
    }

    /** The documentation of {@code text}, as the strings it covers. */
    private static List<String> documentation(SourceSyntax syntax, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        SourceSyntax.Regions r = syntax.documentation(b, b.length);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.bounds().length; i += 2) {
            out.add(text.substring(r.bounds()[i], r.bounds()[i + 1]));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        "/usr/lib/python3.11/urllib/request.py, '', PYTHON",
        "/usr/lib/ruby/3.1.0/uri/generic.rb, '', RUBY",
        "/usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/stdlib/uri/0/generic.rbs, '', RUBY",
        "/usr/share/perl/5.36/Net/FTP.pm, '', PERL",
        "/usr/share/perl/5.36/pod/perlfunc.pod, '', PERL",
        "/app/src/Main.java, '', C_FAMILY",
        "/app/dist/server.js, '', C_FAMILY",
        "/usr/bin/pydoc3, '#!/usr/bin/python3\n', PYTHON",
        "/usr/local/bin/tool, '#!/usr/bin/env ruby\n', RUBY",
        "/usr/bin/cpan, '#!/usr/bin/perl -w\n', PERL",
        "/app/Rakefile, '', RUBY",
        // configuration, shell and data: a commented-out password there is usually a real one
        "/app/.env, '', TEXT",
        "/etc/app/config.yaml, '', TEXT",
        "/usr/local/bin/entrypoint.sh, '#!/bin/sh\n', TEXT",
        "/usr/local/bin/run, '#!/usr/bin/env bash\n', TEXT",
        "/etc/app/app.properties, '', TEXT",
    })
    void syntaxComesFromTheExtensionOrTheInterpreterLine(String path, String head, SourceSyntax expected) {
        assertThat(of(path, head)).isEqualTo(expected);
    }

    @Test
    void pythonDocstringsAndCommentsButNotStringsAssignedOrPassed() {
        String py = "\"\"\"Module doc: user='klem', passwd='geheim'.\"\"\"\n"
                + "import os  # a comment\n"
                + "TEMPLATE = \"\"\"password = not-documentation\"\"\"\n"
                + "def f(x):\n"
                + "    r'''Raw docstring.'''\n"
                + "    url = \"http://h/#frag\"  # trailing\n"
                + "    call(\n"
                + "        \"\"\"an argument, not a statement\"\"\")\n"
                + "    return '#' + x\n"
                + "VALUE = \\\r\n    \"\"\"continued from the line before, not a statement\"\"\"\n";
        assertThat(documentation(SourceSyntax.PYTHON, py)).containsExactly(
                "\"\"\"Module doc: user='klem', passwd='geheim'.\"\"\"",
                "# a comment",
                "r'''Raw docstring.'''",
                "# trailing");
    }

    @Test
    void pythonDocstringsSpanLinesAndKeepQuotesOfOtherKinds() {
        String py = "class A:\n    \"\"\"Usage::\n\n        >>> b\n        'oauth_token_secret=abc'\n    \"\"\"\n"
                + "    x = 1\n";
        assertThat(documentation(SourceSyntax.PYTHON, py)).singleElement().asString()
                .startsWith("\"\"\"Usage::").endsWith("\"\"\"").contains("oauth_token_secret");
    }

    @Test
    void rubyCommentsAndBeginEndBlocks() {
        String rb = "# uri.password = \"Sh4rp_Ex4mple\"\n"
                + "def password=(password)\n"
                + "  s = \"a#{b}c\" # trailing\n"
                + "end\n"
                + "=begin\nsecret: x\n=end\n"
                + "x = 1\n";
        assertThat(documentation(SourceSyntax.RUBY, rb)).containsExactly(
                "# uri.password = \"Sh4rp_Ex4mple\"", "# trailing", "=begin\nsecret: x\n=end");
    }

    @Test
    void perlCommentsPodAndEndButNotTheLastIndexOfAnArray() {
        String pl = "my $n = $#list; # count\n"
                + "=head1 SYNOPSIS\n\n  $ftp->login('anonymous', 'me@x.org');\n\n=cut\n"
                + "my $p = 'a#b';\n"
                + "__END__\n=pod\nmore\n";
        assertThat(documentation(SourceSyntax.PERL, pl)).containsExactly(
                "# count",
                "=head1 SYNOPSIS\n\n  $ftp->login('anonymous', 'me@x.org');\n\n=cut",
                "__END__\n=pod\nmore\n");
    }

    @Test
    void cFamilyLineAndBlockCommentsButNotUrlsInStrings() {
        String js = "/**\n * @example client.login({password: 'Xy7-example'})\n */\n"
                + "const url = \"https://h/x\"; // trailing\n"
                + "const t = `multi\n// not a comment\n`;\n";
        assertThat(documentation(SourceSyntax.C_FAMILY, js)).containsExactly(
                "/**\n * @example client.login({password: 'Xy7-example'})\n */", "// trailing");
    }

    @Test
    void textHasNoDocumentationAndRegionsAreHalfOpen() {
        assertThat(documentation(SourceSyntax.TEXT, "# DB_PASSWORD=Zx9$kL2#qW8!vN4m\n")).isEmpty();
        SourceSyntax.Regions r = new SourceSyntax.Regions(new int[] {2, 5, 9, 10});
        assertThat(List.of(1, 2, 4, 5, 8, 9, 10)).extracting(r::contains)
                .containsExactly(false, true, true, false, false, true, false);
    }
}
