package io.plimsoll.image.walk;

import io.plimsoll.image.Image;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import io.plimsoll.image.Layer;
import io.plimsoll.image.layer.ExpansionBudget;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.layer.LayerReader;
import io.plimsoll.image.layer.LayerSummary;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.image.tree.FileTreeBuilder;
import io.plimsoll.image.tree.LayerChanges;
import io.plimsoll.image.tree.TreeLimitException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every layer of an image once, hands wanted files to the consumers that asked for them, and stacks
 * the layers into the squashed {@link FileTree}.
 *
 * <p>Layers are independent until they are stacked, so they are read in parallel (bounded); identical layers
 * (same digest) are read once. With a {@link LayerMemo}, a layer whose digest the memo recalls is not read at all:
 * its recorded entries and wanted files are replayed to the interests, so stacking and catalogers see exactly what
 * a read would have given them.
 */
public final class LayerWalker {

    private final int parallelism;
    private final ImageLimits limits;
    /** Null when layers are always read. */
    private final LayerMemo memo;

    public LayerWalker(int parallelism, ImageLimits limits) {
        this(parallelism, limits, null);
    }

    /** A walker that recalls layers from {@code memo} (null: none) and records the ones it reads into it. */
    public LayerWalker(int parallelism, ImageLimits limits, LayerMemo memo) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.parallelism = parallelism;
        this.limits = limits;
        this.memo = memo;
    }

    /** The memo this walker replays layers from and records them into, if any. */
    public Optional<LayerMemo> memo() {
        return Optional.ofNullable(memo);
    }

    /** The limits this walker reads with. */
    public ImageLimits limits() {
        return limits;
    }

    public static LayerWalker defaults() {
        return new LayerWalker(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), ImageLimits.DEFAULT);
    }

    public WalkResult walk(ImageSource source, List<? extends FileInterest> interests) throws ImageException {
        Image image = source.image();
        ExpansionBudget budget = new ExpansionBudget(limits);
        List<Layer> layers = image.layers();
        Map<Object, Integer> firstBySameBytes = new HashMap<>();
        int[] reusedFrom = new int[layers.size()];
        for (Layer layer : layers) {
            Optional<Object> same = layer.digest().<Object>map(d -> d).or(() -> source.sameBytesAs(layer));
            Integer first = same.map(k -> firstBySameBytes.putIfAbsent(k, layer.index())).orElse(null);
            reusedFrom[layer.index()] = first == null ? -1 : first;
        }

        List<Read> reads = new ArrayList<>(java.util.Collections.nCopies(layers.size(), null));
        int threads = Math.min(parallelism, layers.size());
        if (threads <= 1) {
            for (Layer layer : layers) {
                if (reusedFrom[layer.index()] < 0) {
                    reads.set(layer.index(), readLayer(source, layer, interests, budget));
                }
            }
        } else {
            readInParallel(source, interests, budget, layers, reusedFrom, reads, threads);
        }

        FileTreeBuilder builder = new FileTreeBuilder(limits);
        List<LayerReport> reports = new ArrayList<>(layers.size());
        for (Layer layer : layers) {
            int i = layer.index();
            Read read = reads.get(reusedFrom[i] >= 0 ? reusedFrom[i] : i);
            try {
                builder.apply(i, read.changes);
            } catch (TreeLimitException e) {
                throw new ImageException(image.name() + ": " + layer.label(), e.getMessage() + ": refusing the image");
            }
            reports.add(new LayerReport(layer, read.summary, read.changes.entries().size(),
                    read.changes.whiteouts().size(), read.changes.opaqueDirectories().size(), reusedFrom[i]));
        }
        FileTree tree = builder.build();
        return new WalkResult(image, tree, reports);
    }

    private void readInParallel(ImageSource source, List<? extends FileInterest> interests, ExpansionBudget budget,
                                List<Layer> layers, int[] reusedFrom, List<Read> reads, int threads)
            throws ImageException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "plimsoll-layer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Read>> futures = new ArrayList<>();
            for (Layer layer : layers) {
                futures.add(reusedFrom[layer.index()] >= 0 ? null
                        : pool.submit(() -> readLayer(source, layer, interests, budget)));
            }
            for (int i = 0; i < futures.size(); i++) {
                if (futures.get(i) != null) {
                    reads.set(i, await(futures.get(i), layers.get(i)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Read await(Future<Read> future, Layer layer) throws ImageException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(layer.label(), "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageException ie) {
                throw ie;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                // out of memory or stack is this program's failure, never the image's: it must not read as bad input
                throw error;
            }
            throw new ImageException(layer.label(), String.valueOf(e.getCause()), e.getCause());
        }
    }

    private record Read(LayerChanges changes, LayerSummary summary) {
    }

    /** A hard link some consumer wanted, to be filled from its target's bytes. */
    private record PendingLink(FileInterest interest, LayerEntry link) {
    }

    private Read readLayer(ImageSource source, Layer layer, List<? extends FileInterest> interests,
                           ExpansionBudget budget) throws ImageException {
        if (memo == null || layer.digest().isEmpty()) {
            return readLayer(source, layer, interests, budget, null);
        }
        Optional<LayerMemo.Recorded> recalled = memo.recall(layer.digest().get());
        if (recalled.isPresent()) {
            Read replayed = Replay.of(layer, recalled.get(), interests);
            if (replayed != null) {
                return replayed;
            }
        }
        Recorder recorder = new Recorder(memo.maxRecordedBytes());
        Read read = readLayer(source, layer, interests, budget, recorder);
        if (recorder.complete()) {
            memo.remember(layer.digest().get(), new LayerMemo.Recorded(read.changes, read.summary, recorder.files,
                    recorder.links, learners(interests)));
        }
        return read;
    }

    private static Read readLayer(ImageSource source, Layer layer, List<? extends FileInterest> interests,
                                  ExpansionBudget budget, Recorder recorder) throws ImageException {
        LayerReader reader = source.reader(layer);
        LayerChanges.Builder changes = new LayerChanges.Builder();
        List<PendingLink> links = new ArrayList<>();
        LayerSummary summary = reader.read((entry, content) -> {
            changes.add(entry);
            if (interests.isEmpty() || LayerChanges.isWhiteout(entry)) {
                return;
            }
            if (entry.type() == FileType.HARDLINK) {
                for (FileInterest fi : interests) {
                    if (fi.wants(entry)) {
                        links.add(new PendingLink(fi, entry));
                    }
                }
            } else if (entry.isRegular() && !entry.sparse()) {
                deliver(layer, entry, entry.path(), content, wanting(interests, entry), recorder);
            }
        }, budget);
        if (!links.isEmpty()) {
            fillHardLinks(layer, reader, links, budget, recorder);
        }
        return new Read(changes.build(), summary);
    }

    /**
     * Hard links carry no bytes of their own. Rather than keep every file's bytes in case a link to it comes
     * later, the rare layer with a wanted hard link is read a second time for just those targets.
     */
    private static void fillHardLinks(Layer layer, LayerReader reader, List<PendingLink> links,
                                      ExpansionBudget budget, Recorder recorder) throws ImageException {
        Map<String, List<PendingLink>> byTarget = new HashMap<>();
        for (PendingLink l : links) {
            byTarget.computeIfAbsent(l.link.linkTarget(), k -> new ArrayList<>()).add(l);
        }
        reader.read((entry, content) -> {
            List<PendingLink> waiting = entry.isRegular() && !entry.sparse() ? byTarget.remove(entry.path()) : null;
            if (waiting == null) {
                return;
            }
            byte[] bytes = null;
            for (PendingLink l : waiting) {
                if (entry.size() > l.interest.maxFileSize()) {
                    continue;
                }
                if (bytes == null) {
                    bytes = content.readNBytes((int) Math.min(entry.size(), Integer.MAX_VALUE - 8));
                }
                LayerEntry asLink = new LayerEntry(l.link.path(), FileType.REGULAR, entry.mode(), entry.uid(),
                        entry.gid(), entry.size(), "", entry.modifiedEpochSeconds(), false);
                LayerFile file = new LayerFile(l.link.path(), layer.index(), layer.digest(), asLink);
                if (recorder != null && l.interest instanceof LearningInterest li) {
                    recorder.learnt(l.link, asLink, li, li.learn(file, new ByteArrayInputStream(bytes)), true);
                    continue;
                }
                if (recorder != null) {
                    recorder.link(l.link, asLink, bytes);
                }
                l.interest.accept(file, new ByteArrayInputStream(bytes));
            }
        }, new ExpansionBudget(budget.limits()));
    }

    private static List<String> learners(List<? extends FileInterest> interests) {
        List<String> out = new ArrayList<>();
        for (FileInterest fi : interests) {
            if (fi instanceof LearningInterest li) {
                out.add(li.name());
            }
        }
        return out;
    }

    private static List<FileInterest> wanting(List<? extends FileInterest> interests, LayerEntry entry) {
        List<FileInterest> out = null;
        for (FileInterest fi : interests) {
            if (entry.size() <= fi.maxFileSize() && fi.wants(entry)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(fi);
            }
        }
        return out == null ? List.of() : out;
    }

    private static void deliver(Layer layer, LayerEntry entry, String path, InputStream content,
                                List<FileInterest> to, Recorder recorder) throws IOException {
        if (to.isEmpty()) {
            return;
        }
        LayerFile file = new LayerFile(path, layer.index(), layer.digest(), entry);
        // a plain interest's file is recorded whole; a learning one's is not: what it learns is
        boolean keepBytes = recorder != null && to.stream().anyMatch(fi -> !(fi instanceof LearningInterest))
                && recorder.fits(entry.size());
        if (to.size() == 1 && !keepBytes) {
            take(to.get(0), file, content, recorder);
            return;
        }
        // several consumers want the same file, or its bytes are recorded: read it once, hand each a copy
        byte[] bytes = content.readNBytes((int) Math.min(entry.size(), Integer.MAX_VALUE - 8));
        if (keepBytes) {
            recorder.file(entry, bytes);
        }
        for (FileInterest fi : to) {
            take(fi, file, new ByteArrayInputStream(bytes), recorder);
        }
    }

    private static void take(FileInterest fi, LayerFile file, InputStream content, Recorder recorder)
            throws IOException {
        if (recorder != null && fi instanceof LearningInterest li) {
            recorder.learnt(file.entry(), file.entry(), li, li.learn(file, content), false);
        } else {
            fi.accept(file, content);
        }
    }

    /** Collects a layer's wanted files while it is read, until they outgrow the memo's budget. */
    private static final class Recorder {
        private final long maxBytes;
        private long bytes;
        private boolean abandoned;
        private final List<LayerMemo.WantedFile> files = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<LayerMemo.WantedFile> links = java.util.Collections.synchronizedList(new ArrayList<>());

        Recorder(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        /** Whether a file of this size can still be kept; once one cannot, the recording is given up. */
        synchronized boolean fits(long size) {
            if (!abandoned && bytes + size > maxBytes) {
                abandon();
            }
            return !abandoned;
        }

        synchronized void abandon() {
            abandoned = true;
            files.clear();
            links.clear();
        }

        synchronized void file(LayerEntry entry, byte[] content) {
            bytes += content.length;
            files.add(new LayerMemo.WantedFile(entry, entry, content));
        }

        synchronized void link(LayerEntry link, LayerEntry asLink, byte[] content) {
            if (fits(content.length)) {
                bytes += content.length;
                links.add(new LayerMemo.WantedFile(link, asLink, content));
            }
        }

        synchronized void learnt(LayerEntry asked, LayerEntry delivered, LearningInterest by, byte[] learnt,
                                 boolean link) {
            if (learnt == null) {
                abandon(); // an answer that cannot be recorded: neither can the layer
                return;
            }
            if (fits(learnt.length)) {
                bytes += learnt.length;
                (link ? links : files).add(new LayerMemo.WantedFile(asked, delivered, learnt, by.name()));
            }
        }

        synchronized boolean complete() {
            return !abandoned;
        }
    }

    /**
     * Hands a recorded layer's files to the interests as reading it would have: the same entries asked about in
     * archive order (so interests that note what they skip still do), the same bytes delivered, and to each
     * learning interest what it learnt from them.
     */
    private static final class Replay {

        private record Delivery(FileInterest to, LayerFile file, byte[] bytes, boolean learnt) {
        }

        /** The layer's read, or null when the recording lacks a file these interests want (read it instead). */
        static Read of(Layer layer, LayerMemo.Recorded recorded, List<? extends FileInterest> interests)
                throws ImageException {
            List<Delivery> plan = new ArrayList<>();
            if (!interests.isEmpty()) {
                if (!recorded.learners().containsAll(learners(interests))) {
                    return null;
                }
                Map<String, java.util.ArrayDeque<LayerMemo.WantedFile>> files = new HashMap<>();
                for (LayerMemo.WantedFile f : recorded.files()) {
                    files.computeIfAbsent(key(f.learntBy(), f.asked().path()), k -> new java.util.ArrayDeque<>())
                            .add(f);
                }
                Map<String, LayerMemo.WantedFile> links = new HashMap<>();
                for (LayerMemo.WantedFile f : recorded.links()) {
                    links.put(key(f.learntBy(), f.asked().path()), f);
                }
                List<Delivery> linkPlan = new ArrayList<>();
                for (LayerEntry entry : recorded.changes().entries()) {
                    if (entry.type() == FileType.HARDLINK) {
                        for (FileInterest fi : interests) {
                            LayerMemo.WantedFile f = links.get(key(learnerName(fi), entry.path()));
                            if (fi.wants(entry) && f != null && f.delivered().size() <= fi.maxFileSize()) {
                                linkPlan.add(new Delivery(fi, new LayerFile(entry.path(), layer.index(),
                                        layer.digest(), f.delivered()), f.bytes(), f.isLearnt()));
                            }
                        }
                    } else if (entry.isRegular() && !entry.sparse()) {
                        List<FileInterest> to = wanting(interests, entry);
                        LayerMemo.WantedFile plain = null;
                        for (FileInterest fi : to) {
                            LayerMemo.WantedFile f;
                            if (fi instanceof LearningInterest li) {
                                java.util.ArrayDeque<LayerMemo.WantedFile> q = files.get(key(li.name(), entry.path()));
                                f = q == null ? null : q.poll();
                            } else {
                                if (plain == null) {
                                    java.util.ArrayDeque<LayerMemo.WantedFile> q = files.get(key("", entry.path()));
                                    plain = q == null ? null : q.poll();
                                }
                                f = plain;
                            }
                            if (f == null) {
                                return null;
                            }
                            plan.add(new Delivery(fi, new LayerFile(entry.path(), layer.index(), layer.digest(),
                                    f.delivered()), f.bytes(), f.isLearnt()));
                        }
                    }
                }
                plan.addAll(linkPlan); // hard links arrive after the layer's files, as in a read
            }
            try {
                for (Delivery d : plan) {
                    if (d.learnt()) {
                        ((LearningInterest) d.to()).recall(d.file(), d.bytes());
                    } else {
                        d.to().accept(d.file(), new ByteArrayInputStream(d.bytes()));
                    }
                }
            } catch (IOException e) {
                throw new ImageException(layer.label(), "replaying recorded files: " + e.getMessage(), e);
            }
            return new Read(recorded.changes(), recorded.summary());
        }

        private static String learnerName(FileInterest fi) {
            return fi instanceof LearningInterest li ? li.name() : "";
        }

        private static String key(String learner, String path) {
            return learner.isEmpty() ? path : learner + '\0' + path;
        }
    }
}
