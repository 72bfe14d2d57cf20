package io.plimsoll.policy.gate.dockerfile;

import io.plimsoll.image.HistoryStep;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.policy.gate.ImageContext.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Dockerfile an image's history implies, when none was given (Anchore's "guessed" Dockerfile). Each history
 * step's {@code created_by} is turned back into an instruction, whichever builder wrote it:
 * <ul>
 * <li>the classic builder: {@code /bin/sh -c #(nop)  EXPOSE 22/tcp}, {@code /bin/sh -c apt-get …} (a RUN),
 * {@code |1 A=b /bin/sh -c …} (a RUN with build args), {@code /bin/sh -c #(nop) ADD file:… in / };</li>
 * <li>BuildKit: {@code RUN /bin/sh -c … # buildkit}, {@code RUN |1 A=b /bin/sh -c …}, {@code COPY file:… in /},
 * {@code EXPOSE map[22/tcp:{}]}, {@code USER app};</li>
 * </ul>
 * Steps that are no Dockerfile instruction (other build tools' notes, empty entries) are left out. Then the config
 * fills in what the history does not show (a squashed image or one without history still has its config): USER,
 * EXPOSE, HEALTHCHECK, ENV and LABEL instructions are added from it when the history has none of that keyword.
 * {@link Instruction#line()} is the history position (1-based), or 0 for instructions taken from the config.
 */
public final class InferredDockerfile {

    private static final Pattern BUILD_ARGS = Pattern.compile("^\\|\\d+ (?:\\S+=\\S* )*");
    private static final Pattern SHELL = Pattern.compile("^/bin/(?:ba)?sh -c ");
    private static final Pattern NOP = Pattern.compile("^/bin/(?:ba)?sh -c #\\(nop\\)\\s*");
    private static final Pattern PORT_MAP = Pattern.compile("^map\\[(.*)]$");
    private static final Pattern MAP_KEY = Pattern.compile("([^\\s:]+):\\{}");

    private InferredDockerfile() {
    }

    public static List<Instruction> from(ImageConfig config) {
        List<Instruction> out = new ArrayList<>();
        for (HistoryStep step : config.history()) {
            instruction(step.createdBy()).ifPresent(i ->
                    out.add(new Instruction(i.keyword(), i.arguments(), step.index() + 1)));
        }
        Set<String> seen = out.stream().map(Instruction::keyword).collect(Collectors.toSet());
        if (!seen.contains("USER") && !config.user().isEmpty()) {
            out.add(new Instruction("USER", config.user(), 0));
        }
        if (!seen.contains("EXPOSE") && !config.exposedPorts().isEmpty()) {
            out.add(new Instruction("EXPOSE", String.join(" ", config.exposedPorts()), 0));
        }
        if (!seen.contains("HEALTHCHECK")) {
            config.healthcheck().map(InferredDockerfile::healthcheck)
                    .ifPresent(h -> out.add(new Instruction("HEALTHCHECK", h, 0)));
        }
        if (!seen.contains("ENV")) {
            config.env().forEach(e -> out.add(new Instruction("ENV", e, 0)));
        }
        if (!seen.contains("LABEL")) {
            new TreeMap<>(config.labels()).forEach((k, v) -> out.add(new Instruction("LABEL", k + "=" + v, 0)));
        }
        return out;
    }

    /** The instruction one history entry records, if it records one. */
    public static Optional<Instruction> instruction(String createdBy) {
        String s = createdBy == null ? "" : createdBy.strip();
        if (s.endsWith("# buildkit")) {
            s = s.substring(0, s.length() - "# buildkit".length()).strip();
        }
        Matcher nop = NOP.matcher(s);
        if (nop.find()) {
            s = s.substring(nop.end());
        } else {
            // A classic-builder RUN: the shell command line itself, maybe after "|N K=V …" build args.
            String bare = BUILD_ARGS.matcher(s).replaceFirst("");
            if (SHELL.matcher(bare).find()) {
                return Optional.of(new Instruction("RUN", runArguments(bare), 0));
            }
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        int space = s.indexOf(' ');
        String word = space < 0 ? s : s.substring(0, space);
        String args = space < 0 ? "" : s.substring(space + 1).strip();
        Optional<String> keyword = Directives.keyword(word);
        if (keyword.isEmpty() || !word.equals(word.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String k = keyword.get();
        args = switch (k) {
            case "RUN" -> runArguments(BUILD_ARGS.matcher(args).replaceFirst(""));
            case "EXPOSE" -> exposeArguments(args);
            case "USER" -> stripBrackets(args);
            default -> args;
        };
        return Optional.of(new Instruction(k, args, 0));
    }

    /** The command a RUN ran, without the shell wrapper the builder recorded. */
    private static String runArguments(String s) {
        Matcher m = SHELL.matcher(s);
        return m.find() ? s.substring(m.end()).strip() : s.strip();
    }

    /** {@code map[22/tcp:{} 80/tcp:{}]} (how builders print the port set) → {@code 22/tcp 80/tcp}. */
    private static String exposeArguments(String args) {
        Matcher m = PORT_MAP.matcher(args);
        if (!m.matches()) {
            return args;
        }
        List<String> ports = new ArrayList<>();
        Matcher k = MAP_KEY.matcher(m.group(1));
        while (k.find()) {
            ports.add(k.group(1));
        }
        return String.join(" ", ports);
    }

    private static String stripBrackets(String s) {
        String t = s.strip();
        return t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1).strip() : t;
    }

    private static String healthcheck(ImageConfig.Healthcheck h) {
        List<String> test = h.test();
        if (test.isEmpty()) {
            return "CMD";
        }
        return switch (test.get(0)) {
            case "NONE" -> "NONE";
            case "CMD-SHELL" -> "CMD " + String.join(" ", test.subList(1, test.size()));
            case "CMD" -> "CMD " + test.subList(1, test.size()).stream().map(a -> "\"" + a + "\"")
                    .collect(Collectors.joining(", ", "[", "]"));
            default -> String.join(" ", test);
        };
    }

    static Map<String, List<Instruction>> byKeyword(List<Instruction> instructions) {
        Map<String, List<Instruction>> m = new TreeMap<>();
        instructions.forEach(i -> m.computeIfAbsent(i.keyword(), k -> new ArrayList<>()).add(i));
        return m;
    }
}
