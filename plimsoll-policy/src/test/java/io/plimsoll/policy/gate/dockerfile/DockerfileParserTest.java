package io.plimsoll.policy.gate.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.policy.PolicyException;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.ImageContext.Instruction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileParserTest {

    @TempDir
    Path tmp;

    private List<Instruction> parse(String text) throws Exception {
        Path f = tmp.resolve("Dockerfile");
        Files.writeString(f, text);
        ImageContext.Dockerfile d = DockerfileParser.parse(f);
        assertThat(d.path()).isEqualTo(f);
        return d.instructions();
    }

    @Test
    void continuationCommentsAndLineNumbers() throws Exception {
        List<Instruction> in = parse("""
                # syntax=docker/dockerfile:1
                # a comment
                FROM debian:12 AS build

                RUN apt-get update \\
                # a comment inside the continued RUN is dropped
                    && apt-get install -y curl \\

                    && rm -rf /var/lib/apt/lists/*
                from scratch
                COPY --from=build /usr/bin/curl /curl
                USER 1000:1000
                """);
        assertThat(in).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "FROM", "COPY", "USER");
        assertThat(in.get(1).line()).isEqualTo(5);
        assertThat(in.get(1).arguments()).isEqualTo(
                "apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt/lists/*");
        assertThat(in.get(2).arguments()).isEqualTo("scratch");
        assertThat(in.get(4).line()).isEqualTo(12);
    }

    @Test
    void escapeDirectiveChangesTheContinuationCharacter() throws Exception {
        List<Instruction> in = parse("# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n  c:\\\n");
        assertThat(in).hasSize(2);
        assertThat(in.get(1).arguments()).isEqualTo("dir   c:\\");
    }

    @Test
    void heredocsStayWithTheirInstruction() throws Exception {
        List<Instruction> in = parse("""
                FROM alpine
                RUN <<EOF
                apk update
                apk add curl
                EOF
                COPY <<-"CONF" /etc/app.conf
                	key=value
                	CONF
                CMD ["sh"]
                """);
        assertThat(in).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "COPY", "CMD");
        assertThat(in.get(1).arguments()).isEqualTo("<<EOF\napk update\napk add curl\nEOF");
        assertThat(in.get(2).arguments()).endsWith("\tCONF");
        assertThat(in.get(3).line()).isEqualTo(9);
    }

    @Test
    void badFilesAreNamedWithTheReason() throws Exception {
        assertThatThrownBy(() -> DockerfileParser.parse(tmp.resolve("missing")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("missing").hasMessageContaining("no such file");
        assertThatThrownBy(() -> parse("FROM a\nFROBNICATE x\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("line 2: unknown instruction 'FROBNICATE'");
        assertThatThrownBy(() -> parse("FROM a\nRUN <<EOF\necho\n"))
                .hasMessageContaining("heredoc <<EOF is never closed");
        assertThatThrownBy(() -> parse("# just a comment\n")).hasMessageContaining("no instructions");
        assertThatThrownBy(() -> parse("RUN echo\n")).hasMessageContaining("no FROM");
        assertThatThrownBy(() -> DockerfileParser.parse("bin", new byte[] {'F', 'R', 'O', 'M', ' ', 0, 1}))
                .hasMessageContaining("bin: contains NUL bytes");
        assertThatThrownBy(() -> DockerfileParser.parse("latin1", "FROM caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)))
                .hasMessageContaining("not UTF-8");
        Path dir = Files.createDirectory(tmp.resolve("adir"));
        assertThatThrownBy(() -> DockerfileParser.parse(dir)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(dir.toString());
    }
}
