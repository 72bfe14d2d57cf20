package io.plimsoll.app;

import io.plimsoll.catalog.CatalogEngine;
import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.DistroProbe;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Scope;
import io.plimsoll.catalog.SkippedPaths;
import io.plimsoll.ecosystem.CatalogLimits;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.ImageException;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.walk.LayerWalker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An opened image → its {@link Inventory}: the one place the catalog is set up (the distro probe and every
 * cataloger over one walk of the layers). Every front end indexes through it: the CLI's scan and sbom, the server's
 * Clair indexer, layer uploads and registry analyses.
 *
 * <p>The layer cache is the walker's: a {@link LayerWalker} built with a {@code LayerMemo} replays the layers the
 * memo knows instead of reading them, and records the ones it reads (the server's layer index).
 */
public final class IndexService {

    private final Supplier<DistroProbe> probe;
    private final Supplier<List<Cataloger>> catalogers;
    private final Scope scope;
    private final SkippedPaths skipped;

    /**
     * @param probe      a fresh distro probe per walk
     * @param catalogers fresh catalogers per walk (streaming catalogers keep state while a walk runs)
     * @param scope      the squashed image, or every layer
     * @param skipped    paths no cataloger reads
     */
    public IndexService(Supplier<DistroProbe> probe, Supplier<List<Cataloger>> catalogers, Scope scope,
                        SkippedPaths skipped) {
        this.probe = probe;
        this.catalogers = catalogers;
        this.scope = scope;
        this.skipped = skipped;
    }

    /** Every registered ecosystem's catalogers over the squashed image, skipping nothing. */
    public static IndexService standard() {
        return of(Scope.SQUASHED, SkippedPaths.NONE);
    }

    /** Every registered ecosystem's catalogers. */
    public static IndexService of(Scope scope, SkippedPaths skipped) {
        return new IndexService(Ecosystems::distroProbe, Ecosystems::catalogers, scope, skipped);
    }

    /** Other catalogers than the registered ones, over the squashed image (the server's index state follows them). */
    public static IndexService with(Supplier<DistroProbe> probe, Supplier<List<Cataloger>> catalogers) {
        return new IndexService(probe, catalogers, Scope.SQUASHED, SkippedPaths.NONE);
    }

    /** A fresh distro probe, as a walk gets it (what the server's index state is computed from). */
    public DistroProbe probe() {
        return probe.get();
    }

    /** Fresh catalogers, as a walk gets them. */
    public List<Cataloger> catalogers() {
        return catalogers.get();
    }

    /** Streams the opened image's layers once through every cataloger. */
    public Inventory inventory(ImageSource source, LayerWalker walker) throws ImageException, CatalogException {
        return inventory(source, walker, List.of());
    }

    /**
     * Streams the opened image's layers once through every cataloger plus {@code extra} (a content scanner, whose
     * findings the caller reads from it afterwards).
     */
    public Inventory inventory(ImageSource source, LayerWalker walker, List<Cataloger> extra)
            throws ImageException, CatalogException {
        return engine(extra).run(source, walker);
    }

    /**
     * The inventory for a caller that reads its distro, packages and warnings only, never its file tree (an sbom,
     * a scan without a policy): a re-scan whose whole catalog the walker's memo kept replays no layer, and the
     * inventory's walk is then empty ({@link CatalogEngine#runWithoutFiles}).
     */
    public Inventory packages(ImageSource source, LayerWalker walker) throws ImageException, CatalogException {
        return engine(List.of()).runWithoutFiles(source, walker);
    }

    private CatalogEngine engine(List<Cataloger> extra) {
        List<Cataloger> all = new ArrayList<>(catalogers.get());
        all.addAll(extra);
        return new CatalogEngine(probe.get(), all, scope, skipped, CatalogLimits.current().toString());
    }
}
