package io.plimsoll.vuln.suppress;

import io.plimsoll.vuln.match.Finding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ignore file in the shape of Trivy's {@code .trivyignore}: one vulnerability id per line, {@code #} comments
 * (whole lines, or after the entry), blank lines, and optional fields after the id:
 * <pre>
 * # log4j is never reached: JndiLookup is removed at build time
 * GHSA-jfh8-c2jp-5v3q
 * CVE-2024-0727 exp:2026-06-30            # accepted until the next base image
 * CVE-2023-45853 pkg:zlib1g               # only in this package (its name, source name or a PURL)
 * CVE-2022-42003 path:/opt/tools/**       # only packages found under this glob
 * </pre>
 * Each id matches the vulnerability by any of its ids (the CVE entry ignores the GHSA finding and the other way
 * round). From its {@code exp:} day on, an entry no longer applies (as in Trivy: "accept the risk until then"); the
 * caller reports it. Unlike Trivy, which skips fields it does not know, an unknown field, a bad date or a second id
 * is an error naming the file and line: a mistyped {@code exp:} must not turn into an ignore forever.
 */
public record IgnoreFile(String name, List<IgnoreEntry> entries) {

    /** The file {@code scan} reads from the working directory when no other is named. */
    public static final String DEFAULT_NAME = ".plimsollignore";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final String FIELDS = "exp:YYYY-MM-DD, pkg:NAME or pkg:PURL, path:GLOB";

    public IgnoreFile {
        entries = List.copyOf(entries);
    }

    /** Reads and checks the whole file; a missing, unreadable or malformed file is an exception naming it. */
    public static IgnoreFile read(Path file) throws IgnoreFileException {
        return read(file, file.toString());
    }

    /** As {@link #read(Path)}, with messages and reports naming the file {@code name}. */
    public static IgnoreFile read(Path file, String name) throws IgnoreFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IgnoreFileException(name + ": no such ignore file");
        } catch (IOException e) {
            throw new IgnoreFileException(name + ": cannot read the ignore file: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IgnoreFileException(name + ": not a text ignore file (expected UTF-8, one id per line)");
        }
        return parse(name, text);
    }

    /** Parses {@code text}; {@code name} is how messages name the file. */
    public static IgnoreFile parse(String name, String text) throws IgnoreFileException {
        List<IgnoreEntry> entries = new ArrayList<>();
        List<String> commentAbove = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            int hash = commentStart(raw);
            String code = (hash < 0 ? raw : raw.substring(0, hash)).strip();
            String comment = hash < 0 ? "" : raw.substring(hash + 1).strip();
            if (code.isEmpty()) {
                if (hash < 0) {
                    commentAbove.clear(); // a blank line ends the comment block that explains the next entry
                } else if (!comment.isEmpty()) {
                    commentAbove.add(comment);
                }
                continue;
            }
            String why = !comment.isEmpty() ? comment : String.join(" ", commentAbove);
            entries.add(entry(name, i + 1, code.split("\\s+"), why));
            commentAbove.clear();
        }
        return new IgnoreFile(name, entries);
    }

    private static IgnoreEntry entry(String file, int line, String[] tokens, String comment)
            throws IgnoreFileException {
        String where = file + ":" + line + ": ";
        String id = tokens[0];
        if (field(id).isPresent()) {
            throw new IgnoreFileException(where + "the line starts with '" + id + "': the vulnerability id comes first");
        }
        if (!ID.matcher(id).matches()) {
            throw new IgnoreFileException(where + "'" + id + "' is not a vulnerability id"
                    + (id.contains("+") ? " (to ignore it in one package, write ID pkg:NAME)" : ""));
        }
        Optional<LocalDate> expires = Optional.empty();
        List<String> packages = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            Optional<String> key = field(token);
            if (key.isEmpty()) {
                throw new IgnoreFileException(where + (token.contains(":") ? "unknown field '"
                        + token.substring(0, token.indexOf(':') + 1) + "' (" + FIELDS + ")"
                        : "'" + token + "' after the id: one id per line (a comment starts with '#')"));
            }
            String value = token.substring(key.get().length() + 1);
            if (value.isEmpty()) {
                throw new IgnoreFileException(where + "'" + token + "' has no value (" + FIELDS + ")");
            }
            switch (key.get()) {
                case "exp" -> {
                    if (expires.isPresent()) {
                        throw new IgnoreFileException(where + "two expiry dates");
                    }
                    try {
                        expires = Optional.of(LocalDate.parse(value));
                    } catch (DateTimeParseException e) {
                        throw new IgnoreFileException(where + "'" + token + "' is not a date (exp:YYYY-MM-DD)");
                    }
                }
                case "pkg" -> packages.add(value);
                default -> {
                    try {
                        IgnoreEntry.matcher(value);
                    } catch (IllegalArgumentException e) {
                        throw new IgnoreFileException(where + "'" + token + "' is not a valid glob: "
                                + e.getMessage().lines().findFirst().orElse(""));
                    }
                    paths.add(value);
                }
            }
        }
        return new IgnoreEntry(line, id, expires, packages, paths, comment);
    }

    /** The field a token is ({@code exp}, {@code pkg}, {@code path}), if it is one. */
    private static Optional<String> field(String token) {
        int colon = token.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String key = token.substring(0, colon);
        return key.equals("exp") || key.equals("pkg") || key.equals("path") ? Optional.of(key) : Optional.empty();
    }

    /** A comment starts at a {@code #} at the start of the line or after white space (PURL subpaths keep theirs). */
    private static int commentStart(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code FILE:LINE}, as reports name an entry. */
    public String where(IgnoreEntry e) {
        return name + ":" + e.line();
    }

    /** The entries whose expiry day has come: they no longer apply, and the scan says so. */
    public List<IgnoreEntry> expired(LocalDate today) {
        return entries.stream().filter(e -> !e.activeOn(today)).toList();
    }

    /** Takes out the findings an active entry covers (the first such entry is the one reports name). */
    public Filtered apply(List<Finding> findings, LocalDate today) {
        List<IgnoreEntry> active = entries.stream().filter(e -> e.activeOn(today)).toList();
        List<Finding> kept = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        for (Finding f : findings) {
            Optional<IgnoreEntry> by = active.stream().filter(e -> e.covers(f)).findFirst();
            if (by.isPresent()) {
                suppressed.add(new Suppressed(f, new Suppression(Suppression.Kind.IGNORE_FILE, "ignored", "",
                        by.get().comment(), where(by.get()))));
            } else {
                kept.add(f);
            }
        }
        return new Filtered(kept, suppressed);
    }
}
