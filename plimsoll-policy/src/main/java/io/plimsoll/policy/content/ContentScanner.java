package io.plimsoll.policy.content;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.PathGlobs;
import io.plimsoll.catalog.StreamingCataloger;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.image.walk.LayerFile;
import io.plimsoll.image.walk.Learnt;
import io.plimsoll.image.walk.LearningInterest;
import io.plimsoll.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * The content scan: reads every regular text file of every layer once while the layers stream by, runs the secret
 * rules and the named content regexes over it, keeps the account files' text and the checksums asked for, and keeps
 * nothing else. It finds no packages; {@link #findings()} gives what it learnt once the engine has run it.
 *
 * <p>Skipped: files over {@link ContentScanConfig#maxFileSize()}, binary files (a NUL byte or invalid UTF-8 in the
 * first 8 KiB; UTF-16 text counts as binary), paths under {@link ContentScanConfig#allowPaths()}, and hard links
 * (their target is read under its own path).
 *
 * <p><b>Secrets removed by a later layer are reported.</b> A file deleted or overwritten by a later layer is still
 * in the earlier layer's tar, and anyone who pulls the image can read it, so its secrets stay in
 * {@link ContentFindings#secrets()} with the layer that holds them; the {@code secret_scans} gate tells them apart
 * (the squashed tree no longer has that path from that layer) and says so. Where the live file holds the same
 * secret (a layer that only changed a mode), only the live hit is kept. Content regex matches, account files and
 * checksums describe the final file system only.
 *
 * <p>Under a layer cache the scanner is a {@link LearningInterest}: a recording keeps what was found in each file
 * (masked hits, account text, checksum, size, binary flag; nothing for most files), filed under a name that digests
 * the configuration, so a warm walk finds the same without the layer and a scan configured otherwise reads it again.
 */
public final class ContentScanner implements StreamingCataloger {

    /** Account files whose text the {@code passwd_file} gate reads. */
    public static final Set<String> ACCOUNT_FILES = Set.of("/etc/passwd", "/etc/group", "/etc/shadow");

    /** Content regex hits kept per regex per file, like {@link TextScanner#MAX_HITS_PER_RULE}. */
    static final int MAX_REGEX_HITS = 100;

    private record Key(String path, int layer) {
    }

    private record Found(Key key, String rule, int line, String masked) {
        ContentHit hit() {
            return new ContentHit(rule, key.path, key.layer, line, masked);
        }
    }

    /** One hit in one file, before it is known which layer and path a walk files it under. */
    private record Hit(String rule, int line, String masked) {
    }

    /**
     * What the scan found in one version of one file, and all it keeps of it: a layer recording keeps this
     * ({@link #toBytes}) instead of the file, and a replay files it under the replaying walk's path and layer.
     *
     * @param accountText the text of an account file ({@link #ACCOUNT_FILES}), else null
     * @param sha256      the checksum of a checksum path, else null
     * @param tooBig      the file's size when it was over the limit and not scanned, else -1
     */
    private record Seen(List<Hit> secrets, List<Hit> regexMatches, String accountText, String sha256, long tooBig,
                        boolean binary) {
        static final Seen NOTHING = new Seen(List.of(), List.of(), null, null, -1, false);

        boolean isEmpty() {
            return secrets.isEmpty() && regexMatches.isEmpty() && accountText == null && sha256 == null && tooBig < 0
                    && !binary;
        }

        byte[] toBytes() {
            if (isEmpty()) {
                return Learnt.NOTHING;
            }
            Learnt.Writer w = new Learnt.Writer().integer(binary ? 1 : 0)
                    .integer((int) (tooBig >>> 32)).integer((int) tooBig)
                    .nullable(sha256).nullable(accountText);
            for (List<Hit> hits : List.of(secrets, regexMatches)) {
                w.integer(hits.size());
                hits.forEach(h -> w.string(h.rule).integer(h.line).string(h.masked));
            }
            return w.toBytes();
        }

        static Seen of(byte[] learnt) throws IOException {
            if (learnt.length == 0) {
                return NOTHING;
            }
            Learnt.Reader r = new Learnt.Reader(learnt);
            int flags = r.integer();
            long tooBig = ((long) r.integer() << 32) | (r.integer() & 0xffffffffL);
            String sha256 = r.nullable();
            String accountText = r.nullable();
            List<Hit> secrets = hits(r);
            Seen seen = new Seen(secrets, hits(r), accountText, sha256, tooBig, (flags & 1) != 0);
            r.end();
            return seen;
        }

        private static List<Hit> hits(Learnt.Reader r) throws IOException {
            int n = r.count();
            List<Hit> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new Hit(r.string(), r.integer(), r.string()));
            }
            return out;
        }
    }

    private final ContentScanConfig config;
    private final TextScanner scanner;
    private final Predicate<String> allowed;
    /** The interest's name as a learner: changes with everything in the configuration that changes an answer. */
    private final String learnerName;
    private final Queue<Found> secrets = new ConcurrentLinkedQueue<>();
    private final Queue<Found> regexMatches = new ConcurrentLinkedQueue<>();
    private final Map<Key, String> accountText = new ConcurrentHashMap<>();
    private final Map<Key, String> sha256 = new ConcurrentHashMap<>();
    private final Map<Key, Long> tooBig = new ConcurrentHashMap<>();
    private final Set<Key> binary = ConcurrentHashMap.newKeySet();
    private final FileInterest interest = new Interest();
    private volatile ContentFindings findings;

    public ContentScanner() {
        this(ContentScanConfig.DEFAULT);
    }

    public ContentScanner(ContentScanConfig config) {
        this.config = config;
        this.scanner = new TextScanner(config.rules());
        this.allowed = config.allowPaths().isEmpty() ? p -> false : new PathGlobs(config.allowPaths());
        // asked for once per file by the walker, so made once; a layer recording repeats it for every file it keeps
        // an answer of, so 8 bytes of the hash, which tell configurations apart, and no more
        this.learnerName = "content:" + Digest.sha256Of(config.fingerprint().getBytes(StandardCharsets.UTF_8))
                .hex().substring(0, 16);
    }

    @Override
    public String name() {
        return "content";
    }

    @Override
    public FileInterest interest() {
        return interest;
    }

    /**
     * A layer cache keeps what was found in each file (for most files nothing), not the file: without that, a
     * recording would hold nearly every file's bytes, outgrow the cache's budget and not be kept at all.
     */
    private final class Interest implements LearningInterest {

        @Override
        public String name() {
            return learnerName;
        }

        @Override
        public boolean wants(String path) {
            return false; // decided with the entry's type and size
        }

        @Override
        public boolean wants(LayerEntry entry) {
            if (!entry.isRegular() || entry.sparse()) {
                return false;
            }
            String path = entry.path();
            if (config.checksumPaths().contains(path)) {
                return true;
            }
            if (entry.size() == 0) {
                return false;
            }
            // the layer index is not known here: entries are keyed by path alone until accept()
            return !allowed.test(path) || ACCOUNT_FILES.contains(path);
        }

        /** Unlimited so that {@link #accept} sees, and can name, the files that are too big to scan. */
        @Override
        public long maxFileSize() {
            return Long.MAX_VALUE;
        }

        /** Without a recording walk there is nothing to encode the answer for. */
        @Override
        public void accept(LayerFile file, InputStream content) throws IOException {
            keep(file, read(file, content));
        }

        @Override
        public byte[] learn(LayerFile file, InputStream content) throws IOException {
            Seen seen = read(file, content);
            keep(file, seen);
            return seen.toBytes();
        }

        @Override
        public void recall(LayerFile file, byte[] learnt) throws IOException {
            keep(file, Seen.of(learnt));
        }
    }

    /** Files what was seen in a file under the walk's path and layer. */
    private void keep(LayerFile file, Seen seen) {
        if (seen.isEmpty()) {
            return;
        }
        Key key = new Key(file.path(), file.layer());
        if (seen.binary) {
            binary.add(key);
        }
        if (seen.tooBig >= 0) {
            tooBig.put(key, seen.tooBig);
        }
        if (seen.sha256 != null) {
            sha256.put(key, seen.sha256);
        }
        if (seen.accountText != null) {
            accountText.put(key, seen.accountText);
        }
        seen.secrets.forEach(h -> secrets.add(new Found(key, h.rule, h.line, h.masked)));
        seen.regexMatches.forEach(h -> regexMatches.add(new Found(key, h.rule, h.line, h.masked)));
    }

    private Seen read(LayerFile file, InputStream content) throws IOException {
        String path = file.path();
        long size = file.entry().size();
        MessageDigest digest = config.checksumPaths().contains(path) ? sha256() : null;
        boolean account = ACCOUNT_FILES.contains(path);
        if (!account && allowed.test(path)) { // wanted only for its checksum
            return new Seen(List.of(), List.of(), null, finishDigest(digest, content), -1, false);
        }
        if (size > config.maxFileSize()) {
            return new Seen(List.of(), List.of(), null, finishDigest(digest, content), size, false);
        }
        int n = (int) size;
        byte[] bytes = new byte[n];
        int got = content.readNBytes(bytes, 0, Math.min(n, Secrets.SNIFF_BYTES));
        if (digest != null) {
            digest.update(bytes, 0, got);
        }
        if (n == 0) {
            return new Seen(List.of(), List.of(), null, finishDigest(digest, content), -1, false);
        }
        if (Secrets.isBinary(bytes, got < Math.min(n, Secrets.SNIFF_BYTES) ? got : n)) {
            return new Seen(List.of(), List.of(), null, finishDigest(digest, content), -1, true);
        }
        int rest = content.readNBytes(bytes, got, n - got);
        if (digest != null) {
            digest.update(bytes, got, rest);
        }
        int length = got + rest;
        String sum = finishDigest(digest, content);
        String text = account ? new String(bytes, 0, length, StandardCharsets.UTF_8) : null;
        List<Hit> secretHits = new ArrayList<>();
        for (TextScanner.Hit h : scanner.scan(bytes, length, path)) {
            secretHits.add(new Hit(h.rule(), h.line(), h.masked()));
        }
        List<Hit> regexHits = config.contentRegexes().isEmpty() ? List.of()
                : matchRegexes(new String(bytes, 0, length, StandardCharsets.UTF_8));
        return new Seen(secretHits, regexHits, text, sum, -1, false);
    }

    /** Named content regexes, line by line: the line's ends are {@code ^} and {@code $}, at most one hit a line. */
    private List<Hit> matchRegexes(String text) {
        List<Hit> out = new ArrayList<>();
        List<Matcher> matchers = new ArrayList<>();
        for (ContentRegex r : config.contentRegexes()) {
            matchers.add(r.pattern().matcher(text).useAnchoringBounds(true).useTransparentBounds(false));
        }
        int[] counts = new int[matchers.size()];
        int start = 0;
        int line = 1;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            for (int i = 0; i < matchers.size(); i++) {
                Matcher m = matchers.get(i);
                if (counts[i] < MAX_REGEX_HITS && m.region(start, lineEnd).find()) {
                    counts[i]++;
                    out.add(new Hit(config.contentRegexes().get(i).name(), line, Secrets.mask(m.group())));
                }
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
            line++;
        }
        return out;
    }

    /** Reads the rest of the file into the digest, if one is wanted; its hex, else null. */
    private static String finishDigest(MessageDigest digest, InputStream content) throws IOException {
        if (digest == null) {
            return null;
        }
        byte[] buf = new byte[64 << 10];
        for (int r; (r = content.read(buf)) > 0; ) {
            digest.update(buf, 0, r);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Finds no packages; keeps the input's view of which files are live and works out {@link #findings()}. */
    @Override
    public Result catalog(CatalogInput input) {
        findings = findings(input);
        return new Result(List.of(), List.of());
    }

    /** Its findings are read from it after the run. */
    @Override
    public boolean holdsMoreThanItsResult() {
        return true;
    }

    /**
     * Records that there were no files to scan: {@code scan sbom:FILE} has packages but no image, so the secret,
     * content and file gates get empty findings instead of an unrun scanner.
     */
    public void noFiles() {
        findings = ContentFindings.NONE;
    }

    /** What the scan found, once the engine has run it. */
    public ContentFindings findings() {
        ContentFindings f = findings;
        if (f == null) {
            throw new IllegalStateException("the content scan has not been run by a CatalogEngine yet");
        }
        return f;
    }

    /**
     * What the scan found, seen from the final image: regex matches, account files and checksums of live files;
     * secrets of live files and of files a later layer removed or replaced (see the class comment).
     */
    public ContentFindings findings(CatalogInput input) {
        Comparator<ContentHit> order = Comparator.comparing(ContentHit::path).thenComparingInt(ContentHit::layer)
                .thenComparingInt(ContentHit::line).thenComparing(ContentHit::rule).thenComparing(ContentHit::masked);
        List<ContentHit> live = new ArrayList<>();
        List<ContentHit> earlier = new ArrayList<>();
        for (Found f : secrets) {
            (input.isLive(f.key.path, f.key.layer) ? live : earlier).add(f.hit());
        }
        Set<List<String>> liveValues = new HashSet<>();
        for (ContentHit h : live) {
            liveValues.add(List.of(h.rule(), h.path(), h.masked()));
        }
        List<ContentHit> secretHits = new ArrayList<>(live);
        for (ContentHit h : earlier) {
            if (!liveValues.contains(List.of(h.rule(), h.path(), h.masked()))) {
                secretHits.add(h);
            }
        }
        secretHits.sort(order);

        List<ContentHit> regexHits = new ArrayList<>();
        for (Found f : regexMatches) {
            if (input.isLive(f.key.path, f.key.layer)) {
                regexHits.add(f.hit());
            }
        }
        regexHits.sort(order);

        Map<String, String> accounts = new HashMap<>();
        accountText.forEach((k, v) -> {
            if (input.isLive(k.path, k.layer)) {
                accounts.put(k.path, v);
            }
        });
        Map<String, String> sums = new HashMap<>();
        sha256.forEach((k, v) -> {
            if (input.isLive(k.path, k.layer)) {
                sums.put(k.path, v);
            }
        });

        List<String> skipped = new ArrayList<>();
        new TreeMap<>(liveOnly(input, tooBig.keySet()).stream().collect(java.util.stream.Collectors.toMap(
                Key::path, tooBig::get, (a, b) -> a))).forEach((path, size) -> skipped.add(path + ": " + size
                + " bytes, over the " + config.maxFileSize() + "-byte content scan limit"));
        long binaries = liveOnly(input, binary).size();
        if (binaries > 0) {
            skipped.add(binaries + " binary files not scanned (NUL bytes or not UTF-8 in the first "
                    + Secrets.SNIFF_BYTES + " bytes)");
        }
        return new ContentFindings(secretHits, regexHits, accounts, sums, skipped);
    }

    private static List<Key> liveOnly(CatalogInput input, Set<Key> keys) {
        return keys.stream().filter(k -> input.isLive(k.path, k.layer)).toList();
    }
}
