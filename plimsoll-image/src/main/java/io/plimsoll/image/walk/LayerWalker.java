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
import io.plimsoll.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every layer of an image once, hands wanted files to the consumers that asked for them, and stacks
 * the layers into the squashed {@link FileTree}.
 *
 * <p>Layers are independent until they are stacked, so they are read in parallel (bounded); identical layers
 * (same digest) are read once.
 */
public final class LayerWalker {

    private final int parallelism;
    private final ImageLimits limits;

    public LayerWalker(int parallelism, ImageLimits limits) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.parallelism = parallelism;
        this.limits = limits;
    }

    public static LayerWalker defaults() {
        return new LayerWalker(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), ImageLimits.DEFAULT);
    }

    public WalkResult walk(ImageSource source, List<? extends FileInterest> interests) throws ImageException {
        Image image = source.image();
        ExpansionBudget budget = new ExpansionBudget(limits);
        List<Layer> layers = image.layers();
        Map<Digest, Integer> firstByDigest = new HashMap<>();
        int[] reusedFrom = new int[layers.size()];
        for (Layer layer : layers) {
            Integer first = layer.digest().map(d -> firstByDigest.putIfAbsent(d, layer.index())).orElse(null);
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

        FileTreeBuilder builder = new FileTreeBuilder();
        List<LayerReport> reports = new ArrayList<>(layers.size());
        for (Layer layer : layers) {
            int i = layer.index();
            Read read = reads.get(reusedFrom[i] >= 0 ? reusedFrom[i] : i);
            builder.apply(i, read.changes);
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
            throw new ImageException(layer.label(), String.valueOf(e.getCause()), e.getCause());
        }
    }

    private record Read(LayerChanges changes, LayerSummary summary) {
    }

    /** A hard link some consumer wanted, to be filled from its target's bytes. */
    private record PendingLink(FileInterest interest, LayerEntry link) {
    }

    private static Read readLayer(ImageSource source, Layer layer, List<? extends FileInterest> interests,
                                  ExpansionBudget budget) throws ImageException {
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
                deliver(layer, entry, entry.path(), content, wanting(interests, entry));
            }
        }, budget);
        if (!links.isEmpty()) {
            fillHardLinks(layer, reader, links, budget);
        }
        return new Read(changes.build(), summary);
    }

    /**
     * Hard links carry no bytes of their own. Rather than keep every file's bytes in case a link to it comes
     * later, the rare layer with a wanted hard link is read a second time for just those targets.
     */
    private static void fillHardLinks(Layer layer, LayerReader reader, List<PendingLink> links,
                                      ExpansionBudget budget) throws ImageException {
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
                l.interest.accept(new LayerFile(l.link.path(), layer.index(), layer.digest(), asLink),
                        new ByteArrayInputStream(bytes));
            }
        }, new ExpansionBudget(budget.limits()));
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
                                List<FileInterest> to) throws IOException {
        if (to.isEmpty()) {
            return;
        }
        LayerFile file = new LayerFile(path, layer.index(), layer.digest(), entry);
        if (to.size() == 1) {
            to.get(0).accept(file, content);
            return;
        }
        // several consumers want the same file: read it once, hand each a copy of the bytes
        byte[] bytes = content.readNBytes((int) Math.min(entry.size(), Integer.MAX_VALUE - 8));
        for (FileInterest fi : to) {
            fi.accept(file, new ByteArrayInputStream(bytes));
        }
    }
}
