package io.plimsoll.policy.gate.dockerfile;

import io.plimsoll.policy.PolicyException;
import io.plimsoll.policy.gate.ImageContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Dockerfile the way BuildKit's parser splits it into instructions: parser directives at the top
 * ({@code # escape=`} changes the line-continuation character), comment lines dropped (also inside a continued
 * instruction), continued lines joined, and heredocs ({@code RUN <<EOF … EOF}) kept with their instruction as one.
 * Arguments are not interpreted further: variables stay as written.
 */
public final class DockerfileParser {

    /** Larger than any real Dockerfile; a bigger file is not one. */
    static final long MAX_BYTES = 4L << 20;

    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)\\s*([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");

    private DockerfileParser() {
    }

    public static ImageContext.Dockerfile parse(Path file) throws PolicyException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new PolicyException(file.toString(), "larger than " + (MAX_BYTES >> 20)
                        + " MiB: not a Dockerfile");
            }
            bytes = Files.readAllBytes(file);
        } catch (PolicyException e) {
            throw e;
        } catch (IOException e) {
            throw new PolicyException(file.toString(), "cannot read the Dockerfile: " + describe(e));
        }
        return new ImageContext.Dockerfile(file, parse(file.toString(), bytes));
    }

    /** The instructions of {@code bytes}; {@code name} only labels errors. */
    public static List<ImageContext.Instruction> parse(String name, byte[] bytes) throws PolicyException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyException(name, "not UTF-8 text: not a Dockerfile");
        }
        if (text.indexOf('\0') >= 0) {
            throw new PolicyException(name, "contains NUL bytes: not a Dockerfile");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        List<ImageContext.Instruction> out = new ArrayList<>();
        char escape = '\\';
        int i = 0;
        // Parser directives: only at the very top, before any blank line, comment or instruction.
        while (i < lines.length) {
            Matcher d = DIRECTIVE.matcher(lines[i].strip());
            if (!d.matches()) {
                break;
            }
            if (d.group(1).equalsIgnoreCase("escape")) {
                String v = d.group(2);
                if (!v.equals("\\") && !v.equals("`")) {
                    throw new PolicyException(name, "line " + (i + 1) + ": escape directive must be \\ or `, not '"
                            + v + "'");
                }
                escape = v.charAt(0);
            }
            i++;
        }
        while (i < lines.length) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder logical = new StringBuilder();
            // Join continued lines; comment lines between them are dropped, empty ones skipped.
            while (true) {
                String cur = lines[i];
                String trimmed = stripTrailing(cur);
                if (!trimmed.isEmpty() && trimmed.charAt(trimmed.length() - 1) == escape) {
                    logical.append(trimmed, 0, trimmed.length() - 1);
                    i++;
                    while (i < lines.length && (lines[i].strip().startsWith("#") || lines[i].isBlank())) {
                        i++;
                    }
                    if (i >= lines.length) {
                        break;
                    }
                    continue;
                }
                logical.append(cur);
                i++;
                break;
            }
            String instruction = logical.toString().strip();
            int space = firstSpace(instruction);
            String word = space < 0 ? instruction : instruction.substring(0, space);
            String args = space < 0 ? "" : instruction.substring(space).strip();
            String keyword = Directives.keyword(word).orElseThrow(() -> new PolicyException(name,
                    "line " + start + ": unknown instruction '" + word + "'"));
            // Heredocs: the body lines up to each terminator belong to this instruction.
            StringBuilder withBodies = new StringBuilder(args);
            Matcher h = HEREDOC.matcher(args);
            while (h.find() && heredocCapable(keyword)) {
                boolean stripTabs = !h.group(1).isEmpty();
                String terminator = h.group(3);
                boolean closed = false;
                while (i < lines.length) {
                    String body = lines[i++];
                    withBodies.append('\n').append(body);
                    String candidate = stripTabs ? body.replaceFirst("^\t+", "") : body;
                    if (candidate.equals(terminator)) {
                        closed = true;
                        break;
                    }
                }
                if (!closed) {
                    throw new PolicyException(name, "line " + start + ": heredoc <<" + terminator
                            + " is never closed");
                }
            }
            out.add(new ImageContext.Instruction(keyword, withBodies.toString(), start));
        }
        if (out.isEmpty()) {
            throw new PolicyException(name, "no instructions: not a Dockerfile");
        }
        if (out.stream().noneMatch(x -> x.keyword().equals("FROM"))) {
            throw new PolicyException(name, "no FROM instruction: not a Dockerfile");
        }
        return out;
    }

    /** BuildKit expands heredocs in RUN, COPY and ADD only; elsewhere {@code <<} is just text. */
    private static boolean heredocCapable(String keyword) {
        return keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD");
    }

    private static int firstSpace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }

    private static String stripTrailing(String s) {
        return s.stripTrailing();
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
    }
}
