package io.plimsoll.policy.content;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * How a file's language marks documentation: comments, Python's docstrings, Perl's POD, Ruby's {@code =begin}
 * blocks. Library source is full of usage examples ({@code uri.password = "V3ry_S3nsit1ve"} in a comment of
 * Ruby's {@code uri/generic.rb}, {@code passwd='geheim$parole'} in the docstring of Python's
 * {@code urllib/request.py}) that read exactly like a hard-coded password; the generic rules
 * ({@link SecretRule#generic}) give way there. Configuration formats (YAML, INI, {@code .env}, properties, shell,
 * XML, JSON) are {@link #TEXT}: a commented-out password in a configuration file is usually a real one, kept "for
 * later".
 *
 * <p>The lexers are deliberately small: they know strings (so that a {@code #} in {@code "a#b"} starts nothing),
 * comments and each language's documentation blocks, and nothing else. Where they misread code (a Perl regex with
 * {@code #} as delimiter, a Ruby {@code %q(...)} literal), the error ends with the line, and costs at most a generic
 * hit on that line; the rules for real key formats are not affected by documentation at all.
 */
enum SourceSyntax {
    /** Configuration, data and prose: nothing is documentation. */
    TEXT,
    /** {@code #} comments and triple-quoted strings that stand as a statement of their own (docstrings). */
    PYTHON,
    /** {@code #} comments and {@code =begin}/{@code =end} blocks. */
    RUBY,
    /** {@code #} comments, POD ({@code =head1} … {@code =cut}) and whatever follows {@code __END__}. */
    PERL,
    /**
     * {@code //} and {@code /* … *}{@code /} comments: Java, Kotlin, Scala, Groovy, JavaScript, TypeScript, Go, C,
     * C++, C#, Rust, Swift, PHP.
     */
    C_FAMILY;

    private static final Set<String> PYTHON_EXT = Set.of("py", "pyi", "pyw");
    private static final Set<String> RUBY_EXT = Set.of("rb", "rbs", "rake", "gemspec", "ru");
    private static final Set<String> PERL_EXT = Set.of("pl", "pm", "pod", "t", "ph");
    private static final Set<String> C_EXT = Set.of("java", "kt", "kts", "scala", "groovy", "js", "mjs", "cjs",
            "jsx", "ts", "mts", "cts", "tsx", "go", "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "cs", "rs", "swift",
            "php", "dart");

    /** By the file name's extension, else by a {@code #!} line naming an interpreter; {@link #TEXT} otherwise. */
    static SourceSyntax of(String path, byte[] b, int length) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (PYTHON_EXT.contains(ext)) {
                return PYTHON;
            }
            if (RUBY_EXT.contains(ext)) {
                return RUBY;
            }
            if (PERL_EXT.contains(ext)) {
                return PERL;
            }
            if (C_EXT.contains(ext)) {
                return C_FAMILY;
            }
        }
        if (name.equals("Rakefile") || name.equals("Gemfile")) {
            return RUBY;
        }
        return length > 2 && b[0] == '#' && b[1] == '!' ? ofInterpreter(b, length) : TEXT;
    }

    private static SourceSyntax ofInterpreter(byte[] b, int length) {
        int end = 2;
        while (end < length && end < 128 && b[end] != '\n') {
            end++;
        }
        String line = new String(b, 2, end - 2, java.nio.charset.StandardCharsets.ISO_8859_1);
        // the interpreter is the last path component of the first word, or the word after env
        for (String word : line.trim().split("[ \t]+")) {
            String exe = word.substring(word.lastIndexOf('/') + 1);
            if (exe.startsWith("python")) {
                return PYTHON;
            }
            if (exe.startsWith("ruby")) {
                return RUBY;
            }
            if (exe.startsWith("perl")) {
                return PERL;
            }
            if (!exe.equals("env") && !exe.startsWith("-")) {
                break;
            }
        }
        return TEXT;
    }

    /** The documentation of the first {@code length} bytes of {@code b}. */
    Regions documentation(byte[] b, int length) {
        return switch (this) {
            case TEXT -> Regions.NONE;
            case PYTHON -> new Lexer(b, length).python();
            case RUBY -> new Lexer(b, length).hashComments(false, true);
            case PERL -> new Lexer(b, length).hashComments(true, false);
            case C_FAMILY -> new Lexer(b, length).cFamily();
        };
    }

    /** Half-open byte ranges {@code [start, end)}, sorted and disjoint. */
    record Regions(int[] bounds) {
        static final Regions NONE = new Regions(new int[0]);

        boolean contains(int pos) {
            int i = Arrays.binarySearch(bounds, pos);
            // an exact hit on an even index is a start (inside); otherwise inside when the insertion point is odd
            return i >= 0 ? (i & 1) == 0 : ((-i - 1) & 1) == 1;
        }
    }

    /** One pass over a file; {@link #add} collects the documentation ranges in order. */
    private static final class Lexer {
        private final byte[] b;
        private final int n;
        private int[] out = new int[16];
        private int count;

        Lexer(byte[] b, int length) {
            this.b = b;
            this.n = length;
        }

        private void add(int start, int end) {
            if (count > 0 && out[count - 1] >= start) { // touching or overlapping the last range: extend it
                out[count - 1] = Math.max(out[count - 1], end);
                return;
            }
            if (count + 2 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[count++] = start;
            out[count++] = end;
        }

        private Regions regions() {
            return new Regions(Arrays.copyOf(out, count));
        }

        private int endOfLine(int i) {
            while (i < n && b[i] != '\n') {
                i++;
            }
            return i;
        }

        /** The end of a string opened by {@code quote} at {@code i - 1}: after its closing quote, or the line's end. */
        private int endOfString(int i, byte quote) {
            while (i < n && b[i] != '\n') {
                if (b[i] == '\\') {
                    i += 2;
                } else if (b[i++] == quote) {
                    return i;
                }
            }
            return Math.min(i, n);
        }

        private boolean startsWith(int i, String s) {
            if (i + s.length() > n) {
                return false;
            }
            for (int k = 0; k < s.length(); k++) {
                if (b[i + k] != s.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isBlank(byte c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\f';
        }

        /**
         * Python: {@code #} to the line's end; a triple-quoted string is documentation when it is a statement of its
         * own (the first thing on its line, outside brackets, not continued from the line before): docstrings of
         * modules, classes and functions, and strings used as block comments. {@code X = """…"""} is data.
         */
        Regions python() {
            int depth = 0;
            boolean lineStart = true; // nothing but blanks yet on this logical line
            boolean continued = false; // this line ends with a backslash
            int i = 0;
            while (i < n) {
                byte c = b[i];
                if (c == '\n') {
                    lineStart = depth == 0 && !continued;
                    continued = false;
                    i++;
                } else if (isBlank(c)) {
                    i++;
                } else if (c == '#') {
                    int end = endOfLine(i);
                    add(i, end);
                    i = end;
                } else if (c == '\\') { // outside strings only a line continuation: the next line goes on this one
                    continued = true;
                    i++;
                } else if (c == '"' || c == '\'' || isStringPrefix(i)) {
                    int q = i;
                    while (b[q] != '"' && b[q] != '\'') {
                        q++;
                    }
                    byte quote = b[q];
                    if (q + 2 < n && b[q + 1] == quote && b[q + 2] == quote) {
                        int end = endOfTripleString(q + 3, quote);
                        if (lineStart) {
                            add(i, end);
                        }
                        i = end;
                    } else {
                        i = endOfString(q + 1, quote);
                    }
                    lineStart = false;
                } else {
                    if (c == '(' || c == '[' || c == '{') {
                        depth++;
                    } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                        depth--;
                    }
                    lineStart = false;
                    i++;
                }
            }
            return regions();
        }

        /** {@code r"…"}, {@code b'…'}, {@code rb"""…"""}, {@code f'…'}: one or two prefix letters before a quote. */
        private boolean isStringPrefix(int i) {
            if (i > 0 && isNameChar(b[i - 1])) {
                return false; // part of a longer name, e.g. the "r" of "for"
            }
            int k = i;
            while (k < n && k - i < 2 && "rRbBuUfF".indexOf(b[k]) >= 0) {
                k++;
            }
            return k > i && k < n && (b[k] == '"' || b[k] == '\'');
        }

        private static boolean isNameChar(byte c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c < 0;
        }

        private int endOfTripleString(int i, byte quote) {
            while (i < n) {
                if (b[i] == '\\') {
                    i += 2;
                } else if (b[i] == quote && i + 2 < n && b[i + 1] == quote && b[i + 2] == quote) {
                    return i + 3;
                } else {
                    i++;
                }
            }
            return n;
        }

        /**
         * Ruby and Perl: {@code #} outside strings to the line's end (not Perl's {@code $#array}). Perl: a line
         * starting {@code =word} opens POD up to the line starting {@code =cut}, and everything after a
         * {@code __END__} line is documentation. Ruby: {@code =begin} to {@code =end} lines.
         */
        Regions hashComments(boolean perl, boolean ruby) {
            int i = 0;
            while (i < n) {
                boolean atLineStart = i == 0 || b[i - 1] == '\n';
                byte c = b[i];
                if (atLineStart && c == '=' && i + 1 < n && isLetter(b[i + 1])) {
                    if (perl || startsWith(i, "=begin")) {
                        int end = blockEnd(i, perl ? "=cut" : "=end");
                        add(i, end);
                        i = end;
                        continue;
                    }
                }
                if (atLineStart && perl && startsWith(i, "__END__")) {
                    add(i, n);
                    break;
                }
                if (c == '#' && !(perl && i > 0 && b[i - 1] == '$')) {
                    int end = endOfLine(i);
                    add(i, end);
                    i = end;
                } else if (c == '"' || c == '\'' || ruby && c == '`') {
                    i = endOfString(i + 1, c);
                } else {
                    i++;
                }
            }
            return regions();
        }

        private static boolean isLetter(byte c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }

        /** The end of the line starting with {@code marker} after the block opened at {@code i}, or the file's end. */
        private int blockEnd(int i, String marker) {
            int line = endOfLine(i);
            while (line < n) {
                int next = line + 1;
                if (startsWith(next, marker)) {
                    return endOfLine(next);
                }
                line = endOfLine(next);
            }
            return n;
        }

        /** {@code //} to the line's end, {@code /*} to {@code *}{@code /}; not in strings ({@code `…`} spans lines). */
        Regions cFamily() {
            int i = 0;
            while (i < n) {
                byte c = b[i];
                if (c == '/' && i + 1 < n && b[i + 1] == '/') {
                    int end = endOfLine(i);
                    add(i, end);
                    i = end;
                } else if (c == '/' && i + 1 < n && b[i + 1] == '*') {
                    int end = i + 2;
                    while (end < n && !(b[end] == '*' && end + 1 < n && b[end + 1] == '/')) {
                        end++;
                    }
                    end = Math.min(n, end + 2);
                    add(i, end);
                    i = end;
                } else if (c == '`') {
                    int end = i + 1;
                    while (end < n && b[end] != '`') {
                        end += b[end] == '\\' ? 2 : 1;
                    }
                    i = Math.min(n, end + 1);
                } else if (c == '"' || c == '\'') {
                    i = endOfString(i + 1, c);
                } else {
                    i++;
                }
            }
            return regions();
        }
    }
}
