package io.plimsoll.ecosystem.binary;

import io.plimsoll.catalog.CatalogInput;
import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.catalog.Scope;
import io.plimsoll.catalog.StreamingCataloger;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.image.walk.LayerFile;
import io.plimsoll.image.walk.Learnt;
import io.plimsoll.image.walk.LearningInterest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Packages that live inside executables (Go modules, Rust crates): every regular file with an exec bit is read once
 * while its layer streams by, ELF files are handed to each {@link ExecutableReader}, and only the packages found are
 * kept, per path and layer. Scripts and other non-ELF executables are dropped after their first four bytes.
 *
 * <p>One cataloger serves all readers because the walker buffers a file in full when two interests want it; reading
 * each executable once also parses its headers once.
 */
public final class ExecutableCataloger implements StreamingCataloger {

    /** Smaller than the smallest ELF header: not worth opening. */
    private static final long MIN_SIZE = 52;

    private record Key(String path, int layer) {
    }

    private record Found(List<Package> packages, List<String> warnings) {
        boolean isEmpty() {
            return packages.isEmpty() && warnings.isEmpty();
        }

        byte[] toBytes() {
            if (isEmpty()) {
                return Learnt.NOTHING;
            }
            Learnt.Writer w = new Learnt.Writer().integer(packages.size());
            packages.forEach(p -> p.write(w));
            return w.strings(warnings).toBytes();
        }

        static Found of(byte[] learnt) throws IOException {
            if (learnt.length == 0) {
                return new Found(List.of(), List.of());
            }
            Learnt.Reader r = new Learnt.Reader(learnt);
            int n = r.count();
            List<Package> packages = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                packages.add(Package.read(r));
            }
            Found f = new Found(packages, r.strings());
            r.end();
            return f;
        }
    }

    private final List<ExecutableReader> readers;
    private final BinaryLimits limits;
    private final Map<Key, Found> found = new ConcurrentHashMap<>();
    /** Executables skipped for their size, by path; whether that counts is decided once the tree is known. */
    private final Map<String, Long> tooBig = new ConcurrentHashMap<>();
    private final FileInterest interest = new Interest();
    /** The interest's name, asked once per file: made once. */
    private final String learnerName;

    public ExecutableCataloger(List<ExecutableReader> readers) {
        this(readers, BinaryLimits.DEFAULT);
    }

    public ExecutableCataloger(List<ExecutableReader> readers, BinaryLimits limits) {
        this.readers = List.copyOf(readers);
        this.limits = limits;
        this.learnerName = "executables:" + this.readers.stream().map(ExecutableReader::name).toList() + ":" + limits;
    }

    @Override
    public String name() {
        return "executables";
    }

    @Override
    public FileInterest interest() {
        return interest;
    }

    /** A layer cache keeps the packages found in each executable (mostly none), not the executables. */
    private final class Interest implements LearningInterest {

        @Override
        public String name() {
            return learnerName;
        }

        /** Executables are known by their mode, which a bare path does not tell. */
        @Override
        public boolean wants(String path) {
            return false;
        }

        /**
         * Regular files with any exec bit. Hard links are left to their target, which is read under its own path:
         * the walker would buffer a link's bytes whole.
         */
        @Override
        public boolean wants(LayerEntry entry) {
            if (!entry.isRegular() || (entry.mode() & 0111) == 0 || entry.size() < MIN_SIZE) {
                return false;
            }
            if (entry.size() > limits.maxFileSize()) {
                tooBig.put(entry.path(), entry.size());
                return false;
            }
            return true;
        }

        /** Unlimited here so that {@link #wants(LayerEntry)} sees, and can name, the executables that are too big. */
        @Override
        public long maxFileSize() {
            return Long.MAX_VALUE;
        }

        @Override
        public byte[] learn(LayerFile file, InputStream content) throws IOException {
            Found f = read(file, content);
            if (f.isEmpty()) {
                return Learnt.NOTHING;
            }
            found.put(new Key(file.path(), file.layer()), f);
            return f.toBytes();
        }

        @Override
        public void recall(LayerFile file, byte[] learnt) throws IOException {
            Found f = Found.of(learnt);
            if (!f.isEmpty()) {
                found.put(new Key(file.path(), file.layer()), f);
            }
        }

        private Found read(LayerFile file, InputStream content) throws IOException {
            byte[] head = content.readNBytes(ElfFile.MAGIC_LENGTH);
            if (!ElfFile.hasMagic(head)) {
                // a script or another format: not something these readers know, and no news
                return new Found(List.of(), List.of());
            }
            Found f;
            SpooledFile source = null;
            try {
                source = SpooledFile.spool(head, content, file.entry().size(), limits);
                f = inspect(file.path(), source);
            } catch (SpooledFile.SpoolException e) {
                f = new Found(List.of(), List.of(file.path() + ": not read: " + e.getMessage()));
            } finally {
                closeQuietly(source);
            }
            return f;
        }
    }

    /** Runs every reader over one ELF file; whatever goes wrong ends as a warning about that file. */
    private Found inspect(String path, ByteSource source) {
        List<Package> packages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ElfFile elf;
        try {
            elf = ElfFile.read(source);
        } catch (BinaryFormatException | IOException | RuntimeException e) {
            return new Found(List.of(), List.of(path + ": unreadable ELF file: " + e.getMessage()));
        }
        for (ExecutableReader r : readers) {
            try {
                packages.addAll(r.read(elf, path, limits, w -> warnings.add(path + ": " + w)));
            } catch (BinaryFormatException | IOException e) {
                warnings.add(path + ": " + r.name() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // a reader's bug must cost this one file, not the scan
                warnings.add(path + ": " + r.name() + " failed: " + e);
            }
        }
        if (!elf.problems().isEmpty()) {
            // said even when nothing was found: a cut binary may have lost exactly the metadata readers look for
            warnings.add(path + ": damaged ELF headers: " + String.join("; ", elf.problems()));
        }
        return new Found(packages, warnings);
    }

    private static void closeQuietly(SpooledFile f) {
        if (f != null) {
            try {
                f.close();
            } catch (IOException e) {
                // a temporary file that cannot be deleted is left to the OS's tmp cleaning
            }
        }
    }

    @Override
    public Result catalog(CatalogInput input) {
        List<Package> packages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Map.Entry<Key, Found>> entries = new ArrayList<>(found.entrySet());
        entries.sort(Map.Entry.comparingByKey(Comparator.comparing(Key::path).thenComparingInt(Key::layer)));
        for (Map.Entry<Key, Found> e : entries) {
            Key k = e.getKey();
            if (!input.isLive(k.path(), k.layer())) {
                continue;
            }
            Provenance p = input.provenance(k.layer());
            for (Package pkg : e.getValue().packages()) {
                packages.add(pkg.withProvenance(p));
            }
            warnings.addAll(e.getValue().warnings());
        }
        tooBig.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> input.scope() == Scope.ALL_LAYERS || input.tree().get(e.getKey())
                        .map(n -> n.type() == FileType.REGULAR && n.size() > limits.maxFileSize()).orElse(false))
                .forEach(e -> warnings.add(e.getKey() + ": executable of " + e.getValue() + " bytes not read (limit "
                        + limits.maxFileSize() + ")"));
        return new Result(packages, warnings);
    }
}
