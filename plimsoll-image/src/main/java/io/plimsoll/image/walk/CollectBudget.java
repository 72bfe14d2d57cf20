package io.plimsoll.image.walk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bytes of wanted files one walk keeps for the catalogers, over every {@link CollectedFiles} and every layer's
 * version of each file. Without it a crafted image holds the heap's worth in a few MB of gzip: one 300 MiB package
 * database, forty layers each rewriting an 8 MB one, or four hundred 1 MiB {@code package.json} files each ran
 * -Xmx256m out of memory. A file that does not fit is not read and named in a warning, so its packages are missing
 * with a reason instead of the scan ending; older versions of a file give way to newer ones first (provenance gets
 * coarser, the packages stay).
 */
public final class CollectBudget {

    /** Paths named one by one in the warning; the rest are counted. */
    private static final int NAMED = 5;

    private final long maxBytes;
    private long used;
    private final Set<String> dropped = new TreeSet<>();
    private long droppedCount;
    private final Set<String> thinned = new TreeSet<>();

    public CollectBudget(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the collect budget must be positive");
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    synchronized boolean reserve(long bytes) {
        if (used + bytes > maxBytes) {
            return false;
        }
        used += bytes;
        return true;
    }

    synchronized void release(long bytes) {
        used -= bytes;
    }

    /** {@code path} as some layer wrote it is not kept, and it was the newest version seen. */
    synchronized void dropped(String path) {
        if (dropped.contains(path)) {
            return;
        }
        droppedCount++;
        if (dropped.size() < NAMED) {
            dropped.add(path);
        }
    }

    /** Versions of {@code path} from earlier layers are not kept. */
    synchronized void thinned(String path) {
        if (thinned.size() < NAMED) {
            thinned.add(path);
        }
    }

    /** One line per file named, and one for the files only counted. */
    public synchronized List<String> warnings() {
        String why = " (the files the catalogers keep from this image would pass " + (maxBytes >> 20)
                + " MiB, a quarter of the heap; give Java more with PLIMSOLL_JAVA_OPTS if the image is genuine)";
        List<String> out = new ArrayList<>();
        for (String path : dropped) {
            out.add(path + ": not read, its packages are not listed" + why);
        }
        if (droppedCount > dropped.size()) {
            out.add((droppedCount - dropped.size()) + " more files not read, their packages not listed" + why);
        }
        for (String path : thinned) {
            if (dropped.contains(path)) {
                continue; // its newest version is not read either: said above
            }
            out.add(path + ": the versions earlier layers wrote were not kept, so its packages may be credited to a "
                    + "later layer" + why);
        }
        return out;
    }
}
