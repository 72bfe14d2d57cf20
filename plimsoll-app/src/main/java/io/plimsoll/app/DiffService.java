package io.plimsoll.app;

import io.plimsoll.report.diff.ImageDiff;

/** Two finished scans → what changed between the images, the policy's verdict on each included. */
public final class DiffService {

    private DiffService() {
    }

    public static ImageDiff diff(ScanResult before, ScanResult after) {
        return ImageDiff.between(before.report(), after.report(), before.finalAction(), after.finalAction());
    }
}
