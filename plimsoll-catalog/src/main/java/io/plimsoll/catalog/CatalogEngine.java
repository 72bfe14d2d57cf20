package io.plimsoll.catalog;

import io.plimsoll.image.Image;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.image.tree.FileTreeBuilder;
import io.plimsoll.image.tree.Lookup;
import io.plimsoll.image.walk.CollectBudget;
import io.plimsoll.image.walk.CollectedFiles;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.image.walk.LayerFile;
import io.plimsoll.image.walk.LayerMemo;
import io.plimsoll.image.walk.LearningInterest;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Distro;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the distro probe and every cataloger over one walk of an image: each names the files it needs, the walker
 * streams the layers once, then each cataloger reads what was collected for it.
 */
public final class CatalogEngine {

    private static final Comparator<Package> ORDER = Comparator.comparing(Package::type).thenComparing(Package::name)
            .thenComparing(Package::version).thenComparing(Package::arch).thenComparing(Package::location);

    private final DistroProbe probe;
    private final List<Cataloger> catalogers;
    private final Scope scope;
    private final SkippedPaths skipped;
    private final String settings;

    public CatalogEngine(DistroProbe probe, List<Cataloger> catalogers) {
        this(probe, catalogers, Scope.SQUASHED);
    }

    public CatalogEngine(DistroProbe probe, List<Cataloger> catalogers, Scope scope) {
        this(probe, catalogers, scope, SkippedPaths.NONE);
    }

    /** An engine whose catalogers never see the {@code skipped} paths (the distro probe still does). */
    public CatalogEngine(DistroProbe probe, List<Cataloger> catalogers, Scope scope, SkippedPaths skipped) {
        this(probe, catalogers, scope, skipped, "");
    }

    /**
     * @param settings what else decides the catalogers' results in this process (their parsers' limits): a catalog
     *                 the walker's memo kept under other settings is not reused
     */
    public CatalogEngine(DistroProbe probe, List<Cataloger> catalogers, Scope scope, SkippedPaths skipped,
                         String settings) {
        this.probe = probe;
        this.catalogers = List.copyOf(catalogers);
        this.scope = scope;
        this.skipped = skipped;
        this.settings = settings;
    }

    public Inventory run(ImageSource source, LayerWalker walker) throws ImageException, CatalogException {
        return walkAndCatalog(source, walker, true).inventory();
    }

    /**
     * As {@link #run}, for a caller that reads only the inventory's distro, packages and warnings, never its file
     * tree or layer reports (an sbom, a scan without a policy): when the walker's memo kept this image's whole
     * catalog for this set-up, the inventory comes from there without replaying a layer, and its walk is empty (no
     * tree, no layers). Not with a cataloger the caller reads more from than its result (a secret scanner).
     */
    public Inventory runWithoutFiles(ImageSource source, LayerWalker walker) throws ImageException, CatalogException {
        Optional<LayerMemo> memo = walker.memo();
        Optional<Digest> key = memo.isEmpty() || catalogers.stream().anyMatch(Cataloger::holdsMoreThanItsResult)
                ? Optional.empty() : CatalogStack.key(CatalogStack.Kind.WHOLE, source.image(), probe, catalogers, scope,
                        skipped, walker.limits(), settings);
        if (key.isPresent()) {
            Optional<CatalogStack.Whole> kept = memo.get().recallStack(key.get()).flatMap(made -> {
                try {
                    return Optional.of(CatalogStack.readWhole(made));
                } catch (IOException e) {
                    return Optional.empty();
                }
            });
            if (kept.isPresent()) {
                Image image = source.image();
                image.layers().forEach(l -> l.digest().ifPresent(memo.get()::used));
                List<String> warnings = new ArrayList<>(image.warnings());
                warnings.addAll(kept.get().warnings());
                return new Inventory(image, kept.get().distro(), kept.get().packages(), warnings,
                        new WalkResult(image, new FileTreeBuilder().build(), List.of()));
            }
        }
        // the kept catalogers' results serve a walk that replays the layers; this caller's re-scan will not
        Catalogued done = walkAndCatalog(source, walker, key.isEmpty());
        Inventory inventory = done.inventory();
        if (key.isPresent() && done.complete()) {
            // the inventory's warnings start with the image's own, which a re-scan's opened image says again
            List<String> warnings = inventory.warnings();
            memo.get().rememberStack(key.get(), CatalogStack.write(new CatalogStack.Whole(inventory.distro(),
                    inventory.packages(), warnings.subList(inventory.image().warnings().size(), warnings.size()))));
        }
        return inventory;
    }

    /** An inventory, and whether every file the catalogers wanted was collected for it. */
    private record Catalogued(Inventory inventory, boolean complete) {
    }

    private Catalogued walkAndCatalog(ImageSource source, LayerWalker walker, boolean keepResults)
            throws ImageException, CatalogException {
        CollectBudget budget = new CollectBudget(walker.limits().maxCollectedBytes());
        CollectedFiles distroFiles = new CollectedFiles(probe.wants(), 4 << 20, p -> 4 << 20, budget);
        List<CollectedFiles> collected = new ArrayList<>();
        List<FileInterest> interests = new ArrayList<>();
        for (Cataloger c : catalogers) {
            // streaming catalogers keep their own results; the others get the bytes of their files collected
            java.util.function.Predicate<String> wants = c instanceof StreamingCataloger ? p -> false
                    : skipped.isEmpty() ? c.wants() : c.wants().and(skipped.negate());
            CollectedFiles files = c instanceof CondensingCataloger cc
                    ? new CollectedFiles(wants, c.maxFileSize(), c::maxFileSize, budget, "files:" + c.name(),
                            cc::condense)
                    : new CollectedFiles(wants, c.maxFileSize(), c::maxFileSize, budget);
            collected.add(files);
            interests.add(c instanceof StreamingCataloger s ? withoutSkipped(s.interest())
                    : files.learner().<FileInterest>map(l -> l).orElse(files));
        }
        interests.add(distroFiles);
        WalkResult walk = walker.walk(source, interests);

        Optional<Distro> distro = probe.detect(new Input(walk.image(), walk.tree(), Optional.empty(), distroFiles,
                Scope.SQUASHED));
        List<Package> packages = new ArrayList<>();
        List<String> warnings = new ArrayList<>(walk.warnings());
        warnings.addAll(budget.warnings());
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < catalogers.size(); i++) {
            inputs.add(new Input(walk.image(), walk.tree(), distro, collected.get(i), scope));
        }
        for (Cataloger.Result r : catalog(walk, walker, inputs, keepResults && budget.warnings().isEmpty())) {
            packages.addAll(r.packages());
            warnings.addAll(r.warnings());
        }
        packages.sort(ORDER);
        return new Catalogued(new Inventory(walk.image(), distro, packages, warnings, walk),
                budget.warnings().isEmpty());
    }

    /**
     * The catalogers' results, in their order: those the walker's memo kept for this very stack of layers and
     * set-up ({@link CatalogStack}) taken from it, the rest (streaming catalogers, or all on a first walk) made now.
     * Results are kept only when {@code keep}: not when made from an incomplete collection (files left out for want
     * of memory, which another run may have), nor for a caller whose re-scan takes the whole catalog instead.
     */
    private List<Cataloger.Result> catalog(WalkResult walk, LayerWalker walker, List<Input> inputs, boolean keep)
            throws CatalogException {
        Optional<LayerMemo> memo = walker.memo();
        Optional<Digest> key = memo.isEmpty() ? Optional.empty() : CatalogStack.key(CatalogStack.Kind.RESULTS,
                walk.image(), probe, catalogers, scope, skipped, walker.limits(), settings);
        if (key.isEmpty()) {
            return catalogInParallel(catalogers, inputs);
        }
        List<Cataloger> kept = catalogers.stream().filter(CatalogStack::kept).toList();
        Optional<List<Cataloger.Result>> recalled = memo.get().recallStack(key.get()).flatMap(made -> {
            try {
                return Optional.of(CatalogStack.read(made, kept.size()));
            } catch (IOException e) {
                return Optional.empty(); // it passed the memo's checksum yet does not read: made again
            }
        });
        if (recalled.isEmpty()) {
            List<Cataloger.Result> results = catalogInParallel(catalogers, inputs);
            if (keep) {
                List<Cataloger.Result> keptResults = new ArrayList<>();
                for (int i = 0; i < catalogers.size(); i++) {
                    if (CatalogStack.kept(catalogers.get(i))) {
                        keptResults.add(results.get(i));
                    }
                }
                memo.get().rememberStack(key.get(), CatalogStack.write(keptResults));
            }
            return results;
        }
        List<Cataloger> live = new ArrayList<>();
        List<Input> liveInputs = new ArrayList<>();
        for (int i = 0; i < catalogers.size(); i++) {
            if (!CatalogStack.kept(catalogers.get(i))) {
                live.add(catalogers.get(i));
                liveInputs.add(inputs.get(i));
            }
        }
        java.util.Iterator<Cataloger.Result> made = catalogInParallel(live, liveInputs).iterator();
        java.util.Iterator<Cataloger.Result> remembered = recalled.get().iterator();
        List<Cataloger.Result> out = new ArrayList<>();
        for (Cataloger c : catalogers) {
            out.add(CatalogStack.kept(c) ? remembered.next() : made.next());
        }
        return out;
    }

    /**
     * Each cataloger reads its own files over the shared, finished tree, so they run side by side (a Debian image's
     * copyright files and a node_modules' package.json files are each a good part of a second); results come back
     * in the catalogers' order, so the warnings' order does not depend on which finished first.
     */
    private static List<Cataloger.Result> catalogInParallel(List<Cataloger> catalogers, List<Input> inputs)
            throws CatalogException {
        int threads = Math.min(inputs.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            List<Cataloger.Result> out = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                out.add(catalogers.get(i).catalog(inputs.get(i)));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "plimsoll-catalog");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Cataloger.Result>> futures = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                Cataloger c = catalogers.get(i);
                Input in = inputs.get(i);
                futures.add(pool.submit(() -> c.catalog(in)));
            }
            List<Cataloger.Result> out = new ArrayList<>();
            for (Future<Cataloger.Result> f : futures) {
                out.add(await(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Cataloger.Result await(Future<Cataloger.Result> f) throws CatalogException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("catalogers", "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CatalogException ce) {
                throw ce;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new CatalogException("catalogers", String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** The interest minus the skipped paths, asked only about files the interest wants. */
    private FileInterest withoutSkipped(FileInterest interest) {
        if (skipped.isEmpty()) {
            return interest;
        }
        // a learning interest stays one, so the layer cache keeps what it learnt rather than the files
        return interest instanceof LearningInterest learning ? new SkippingLearner(learning, skipped)
                : new Skipping(interest, skipped);
    }

    private static class Skipping implements FileInterest {
        final FileInterest interest;
        final SkippedPaths skipped;

        Skipping(FileInterest interest, SkippedPaths skipped) {
            this.interest = interest;
            this.skipped = skipped;
        }

        @Override
        public boolean wants(String path) {
            return interest.wants(path) && !skipped.test(path);
        }

        @Override
        public boolean wants(LayerEntry entry) {
            return interest.wants(entry) && !skipped.test(entry.path());
        }

        @Override
        public long maxFileSize() {
            return interest.maxFileSize();
        }

        @Override
        public void accept(LayerFile file, InputStream content) throws IOException {
            interest.accept(file, content);
        }
    }

    /**
     * Keeps the learner's name: a replay asks the recording for exactly the files this walk wants, so a recording
     * made under other skip globs still serves (a wanted file it lacks makes the walker read the layer).
     */
    private static final class SkippingLearner extends Skipping implements LearningInterest {
        private final LearningInterest learner;

        SkippingLearner(LearningInterest learner, SkippedPaths skipped) {
            super(learner, skipped);
            this.learner = learner;
        }

        @Override
        public String name() {
            return learner.name();
        }

        @Override
        public byte[] learn(LayerFile file, InputStream content) throws IOException {
            return learner.learn(file, content);
        }

        @Override
        public void recall(LayerFile file, byte[] learnt) throws IOException {
            learner.recall(file, learnt);
        }
    }

    /** What one cataloger sees: its own collected files over the shared tree. */
    private record Input(Image image, FileTree tree, Optional<Distro> distro, CollectedFiles files, Scope scope)
            implements CatalogInput {

        @Override
        public Optional<byte[]> squashed(String path) {
            return files.squashed(tree, path);
        }

        @Override
        public List<FileVersion> versions(String path) {
            List<FileVersion> out = new ArrayList<>();
            for (int layer : files.layers(path)) {
                files.in(path, layer).ifPresent(b -> out.add(new FileVersion(path, layer, b)));
            }
            return out;
        }

        @Override
        public List<String> paths() {
            if (scope == Scope.ALL_LAYERS) {
                return files.paths();
            }
            return files.paths().stream().filter(p -> tree.resolve(p) instanceof Lookup.Found f
                    && f.node().type() == FileType.REGULAR && f.path().equals(p)).toList();
        }
    }
}
