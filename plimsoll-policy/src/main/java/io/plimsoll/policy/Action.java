package io.plimsoll.policy;

/** A rule's verdict when its trigger fires. STOP beats WARN beats GO. */
public enum Action {
    GO, WARN, STOP;

    public static Action worst(Action a, Action b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
