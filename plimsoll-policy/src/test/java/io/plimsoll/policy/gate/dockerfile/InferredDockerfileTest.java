package io.plimsoll.policy.gate.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.HistoryStep;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.policy.gate.ImageContext.Instruction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class InferredDockerfileTest {

    static Instruction of(String createdBy) {
        return InferredDockerfile.instruction(createdBy).orElseThrow();
    }

    @Test
    void everyBuilderFormBecomesAnInstruction() {
        assertThat(of("/bin/sh -c #(nop)  EXPOSE 22/tcp")).extracting(Instruction::keyword, Instruction::arguments)
                .containsExactly("EXPOSE", "22/tcp");
        assertThat(of("/bin/sh -c #(nop) ADD file:0f2b3c in / ")).extracting(Instruction::keyword,
                Instruction::arguments).containsExactly("ADD", "file:0f2b3c in /");
        assertThat(of("/bin/sh -c apt-get update")).extracting(Instruction::keyword, Instruction::arguments)
                .containsExactly("RUN", "apt-get update");
        assertThat(of("|1 VERSION=1.2 /bin/sh -c apt-get install -y app=$VERSION").arguments())
                .isEqualTo("apt-get install -y app=$VERSION");
        assertThat(of("RUN /bin/sh -c apk update # buildkit")).extracting(Instruction::keyword, Instruction::arguments)
                .containsExactly("RUN", "apk update");
        assertThat(of("RUN |2 A=1 B= /bin/sh -c make # buildkit").arguments()).isEqualTo("make");
        assertThat(of("COPY file:9a8b in / ").keyword()).isEqualTo("COPY");
        assertThat(of("EXPOSE map[22/tcp:{} 8080/tcp:{}]").arguments()).isEqualTo("22/tcp 8080/tcp");
        assertThat(of("/bin/sh -c #(nop)  USER [app]").arguments()).isEqualTo("app");
        assertThat(of("/bin/sh -c #(nop)  HEALTHCHECK &{[\"CMD-SHELL\" \"curl -f localhost\"] \"30s\"}").keyword())
                .isEqualTo("HEALTHCHECK");
        assertThat(InferredDockerfile.instruction("apko")).isEmpty();
        assertThat(InferredDockerfile.instruction("")).isEmpty();
        assertThat(InferredDockerfile.instruction("bazel build //app")).isEmpty();
    }

    @Test
    void theConfigFillsWhatTheHistoryDoesNotShow() {
        ImageConfig config = new ImageConfig(Optional.empty(), "linux", "amd64", "", "nobody", List.of("A=1"),
                List.of(), List.of("app"), "", List.of("8080/tcp"), List.of(), Map.of("org.x", "y"),
                Optional.of(new ImageConfig.Healthcheck(List.of("CMD", "curl", "-f", "localhost"), Optional.empty(),
                        Optional.empty(), Optional.empty(), 3)), "", List.of(),
                List.of(new HistoryStep(0, Optional.empty(), "/bin/sh -c #(nop) ADD file:1 in / ", "", false,
                        OptionalInt.of(0)), new HistoryStep(1, Optional.empty(), "/bin/sh -c #(nop)  ENV B=2", "",
                        true, OptionalInt.empty())));
        List<Instruction> in = InferredDockerfile.from(config);
        assertThat(in).extracting(Instruction::keyword)
                .containsExactly("ADD", "ENV", "USER", "EXPOSE", "HEALTHCHECK", "LABEL");
        assertThat(in.get(0).line()).isEqualTo(1);
        assertThat(in.get(1).arguments()).isEqualTo("B=2"); // history ENV wins, config ENV not duplicated
        assertThat(in.get(4).arguments()).isEqualTo("CMD [\"curl\", \"-f\", \"localhost\"]");
        assertThat(in.get(5).arguments()).isEqualTo("org.x=y");
    }
}
