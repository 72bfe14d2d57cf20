package io.plimsoll.image.walk;

import io.plimsoll.image.layer.Bytes;

import io.plimsoll.image.tree.FileTree;
import io.plimsoll.image.tree.Lookup;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A {@link FileInterest} that keeps the bytes of the (small) files it asked for, every layer's version, and
 * answers "what does the final image hold at this path?" once the walk has built the tree.
 */
public final class CollectedFiles implements FileInterest {

    private record Key(String path, int layer) {

        // equals and hashCode written out: a record's generated ones bootstrap method handles on first use, on a cold run's critical path
        // (docs/performance.md, "Records on the cold path")
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && layer == k.layer && path.equals(k.path);
        }

        @Override
        public int hashCode() {
            return 31 * path.hashCode() + layer;
        }
    }

    private final Predicate<String> wanted;
    private final long maxFileSize;
    private final ToLongFunction<String> capOf;
    private final Map<Key, byte[]> contents = new ConcurrentHashMap<>();
    /**
     * The layers that wrote each path, kept as files arrive: catalogers ask once per path, and scanning every
     * collected key per question made images with tens of thousands of wanted files (node_modules) quadratic.
     */
    private final Map<String, Set<Integer>> layersByPath = new ConcurrentHashMap<>();
    /** Null: as much as the files hold. */
    private final CollectBudget budget;
    /** Null: files are kept whole. */
    private final Condenser condenser;
    private final LearningInterest learner;

    /** Shrinks a wanted file to what its consumer needs of it (a copyright file to its licenses). */
    @FunctionalInterface
    public interface Condenser {
        /** What to keep of the file at {@code path}; {@code content} itself for a file kept whole. */
        byte[] condense(String path, byte[] content);
    }

    public CollectedFiles(Predicate<String> wanted, long maxFileSize) {
        this(wanted, maxFileSize, path -> maxFileSize);
    }

    public CollectedFiles(Predicate<String> wanted, long maxFileSize, ToLongFunction<String> capOf) {
        this(wanted, maxFileSize, capOf, null);
    }

    /**
     * @param capOf each wanted path's own cap, at most {@code maxFileSize}: small side files beside a large database
     *              (rpm's yumdb entries next to its rpmdb) are held to less
     * @param budget the bytes this and the walk's other collections may keep together; null for no bound
     */
    public CollectedFiles(Predicate<String> wanted, long maxFileSize, ToLongFunction<String> capOf,
                          CollectBudget budget) {
        this(wanted, maxFileSize, capOf, budget, null, null);
    }

    /**
     * Files kept as {@code condenser} shrinks them, on the layer thread that read each one; through
     * {@link #learner()}, a layer memo keeps the condensed files under {@code name} instead of the files.
     */
    public CollectedFiles(Predicate<String> wanted, long maxFileSize, ToLongFunction<String> capOf,
                          CollectBudget budget, String name, Condenser condenser) {
        this.wanted = wanted;
        this.maxFileSize = maxFileSize;
        this.capOf = capOf;
        this.budget = budget;
        this.condenser = condenser;
        this.learner = condenser == null ? null : new Learner(name);
    }

    /**
     * The interest to hand the walker when files are condensed: what it learns of a file is the condensed form, so a
     * replayed layer needs neither the files nor the condensing again. Empty when files are kept whole.
     */
    public Optional<LearningInterest> learner() {
        return Optional.ofNullable(learner);
    }

    /** One leading byte says whether the file was kept (1) or not (an empty answer), then the condensed bytes. */
    private final class Learner implements LearningInterest {
        private final String name;

        Learner(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean wants(String path) {
            return CollectedFiles.this.wants(path);
        }

        @Override
        public boolean wants(io.plimsoll.image.layer.LayerEntry entry) {
            return CollectedFiles.this.wants(entry);
        }

        @Override
        public long maxFileSize() {
            return maxFileSize;
        }

        @Override
        public byte[] learn(LayerFile file, InputStream content) throws IOException {
            Collected c = collect(file, content);
            return switch (c.outcome()) {
                case KEPT -> {
                    byte[] kept = c.bytes();
                    byte[] answer = new byte[kept.length + 1];
                    answer[0] = 1;
                    System.arraycopy(kept, 0, answer, 1, kept.length);
                    yield answer;
                }
                case TOO_BIG -> Learnt.NOTHING;
                case NO_ROOM -> null; // another run may have the room
            };
        }

        @Override
        public void recall(LayerFile file, byte[] learnt) throws IOException {
            if (learnt.length == 0) {
                return;
            }
            if (learnt[0] != 1) {
                throw new IOException(file.path() + ": recorded answer of another form");
            }
            byte[] kept = java.util.Arrays.copyOfRange(learnt, 1, learnt.length);
            if (budget == null || makeRoom(file, kept.length)) {
                store(file, kept);
            }
        }
    }

    private enum Outcome { KEPT, TOO_BIG, NO_ROOM }

    /** @param bytes what was kept, when it was */
    private record Collected(Outcome outcome, byte[] bytes) {
    }

    @Override
    public boolean wants(String path) {
        return wanted.test(path);
    }

    @Override
    public boolean wants(io.plimsoll.image.layer.LayerEntry entry) {
        if (!wanted.test(entry.path()) || entry.size() > capOf.applyAsLong(entry.path())) {
            return false;
        }
        if (budget != null && entry.size() > budget.maxBytes()) {
            budget.dropped(entry.path()); // could never fit: not even read
            return false;
        }
        return true;
    }

    @Override
    public long maxFileSize() {
        return maxFileSize;
    }

    @Override
    public void accept(LayerFile file, InputStream content) throws IOException {
        collect(file, content);
    }

    private Collected collect(LayerFile file, InputStream content) throws IOException {
        if (file.entry() != null && file.entry().size() > capOf.applyAsLong(file.path())) {
            // a hard link is asked about with the link's entry; its target's size is known only here
            return new Collected(Outcome.TOO_BIG, null);
        }
        long cap = Math.min(maxFileSize, Integer.MAX_VALUE - 8);
        // a regular entry states its length; a hard link is asked about with its own entry, whose size is 0
        boolean known = file.entry() != null && file.entry().isRegular() && !file.entry().sparse();
        if (budget == null) {
            byte[] bytes = condensed(file, known ? Bytes.readKnownSize(content, (int) Math.min(file.entry().size(), cap))
                    : content.readNBytes((int) cap));
            store(file, bytes);
            return new Collected(Outcome.KEPT, bytes);
        }
        long size = file.entry() != null ? Math.min(file.entry().size(), cap) : Math.min(cap, budget.maxBytes());
        if (!makeRoom(file, size)) {
            return new Collected(Outcome.NO_ROOM, null);
        }
        byte[] bytes = condensed(file, known ? Bytes.readKnownSize(content, (int) size)
                : content.readNBytes((int) size));
        budget.release(size - bytes.length);
        store(file, bytes);
        return new Collected(Outcome.KEPT, bytes);
    }

    private byte[] condensed(LayerFile file, byte[] bytes) {
        return condenser == null ? bytes : condenser.condense(file.path(), bytes);
    }

    private void store(LayerFile file, byte[] bytes) {
        contents.put(new Key(file.path(), file.layer()), bytes);
        layersByPath.computeIfAbsent(file.path(), p -> new ConcurrentSkipListSet<>()).add(file.layer());
    }

    /**
     * Reserves {@code size} bytes of the budget, giving up versions of the same path that earlier layers wrote when
     * that makes room; false (and noted for the warning) when the file is not to be kept.
     */
    private boolean makeRoom(LayerFile file, long size) {
        synchronized (budget) {
            if (budget.reserve(size)) {
                return true;
            }
            Set<Integer> layers = layersByPath.getOrDefault(file.path(), Set.of());
            for (Integer older : List.copyOf(layers)) {
                if (older >= file.layer()) {
                    break;
                }
                byte[] gone = contents.remove(new Key(file.path(), older));
                layers.remove(older);
                budget.release(gone == null ? 0 : gone.length);
                budget.thinned(file.path());
                if (budget.reserve(size)) {
                    return true;
                }
            }
            if (layers.stream().anyMatch(l -> l > file.layer())) {
                budget.thinned(file.path()); // layers are read in parallel: a newer version came first
            } else {
                budget.dropped(file.path());
            }
            return false;
        }
    }

    /** The bytes a layer wrote at exactly this path, if it wrote it and it was wanted. */
    public Optional<byte[]> in(String path, int layer) {
        return Optional.ofNullable(contents.get(new Key(path, layer)));
    }

    /**
     * The bytes the squashed image holds at {@code path}, following symlinks (so {@code /etc/os-release} finds
     * {@code /usr/lib/os-release}); empty if the path is absent, not a regular file, or its target was not wanted.
     */
    public Optional<byte[]> squashed(FileTree tree, String path) {
        if (!(tree.resolve(path) instanceof Lookup.Found found)) {
            return Optional.empty();
        }
        Optional<byte[]> direct = in(found.path(), found.node().layer());
        if (direct.isPresent()) {
            return direct;
        }
        // a hard link's bytes are collected under the link's own path
        return tree.get(path).filter(n -> n.type() == io.plimsoll.image.layer.FileType.HARDLINK)
                .flatMap(n -> in(n.path(), n.layer()));
    }

    /** Every collected path, sorted. */
    public List<String> paths() {
        return layersByPath.keySet().stream().sorted().toList();
    }

    /** The layers that wrote {@code path} (and were collected), bottom layer first. */
    public List<Integer> layers(String path) {
        return List.copyOf(layersByPath.getOrDefault(path, Set.of())); // a skip-list set iterates in order
    }
}
