package io.github.imhistory.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The messages between two accounts, as each side sees them (C2C-PERSP-001/002), each view sorted by
 * (time, seq, random). Views share storage when no SyncOtherMachine=2 message makes them differ.
 */
final class Conversation {
    final String a;
    final String b;
    private final ArrayList<C2cMessage> all = new ArrayList<>();
    private C2cView viewA = C2cView.EMPTY;
    private C2cView viewB = C2cView.EMPTY;

    Conversation(String a, String b) {
        this.a = a;
        this.b = b;
    }

    static String key(String x, String y) {
        return x.compareTo(y) <= 0 ? x + '\u0000' + y : y + '\u0000' + x;
    }

    /** Bulk load: sorts once. Duplicates of (time, seq, random) keep the first (importmsg dedup, ref §4.3). */
    void addAll(List<C2cMessage> messages) {
        all.addAll(messages);
        all.sort(null);
        dedupe(all);
        rebuildViews();
    }

    /** A message arriving later (a scripted deviation): binary insertion. Returns false for a duplicate. */
    boolean add(C2cMessage m) {
        int i = Collections.binarySearch(all, m);
        if (i >= 0) {
            return false;
        }
        all.add(-i - 1, m);
        rebuildViews();
        return true;
    }

    C2cMessage find(long time, long seq, long random) {
        int lo = 0, hi = all.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            C2cMessage m = all.get(mid);
            int c = C2cMessage.compare(m.time(), m.seq(), m.random(), time, seq, random);
            if (c == 0) {
                return m;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    C2cView view(String operator) {
        return operator.equals(a) ? viewA : viewB;
    }

    int size() {
        return all.size();
    }

    private void rebuildViews() {
        boolean split = all.stream().anyMatch(m -> m.syncOtherMachine2);
        if (!split) {
            viewA = new C2cView(all);
            viewB = viewA;
            return;
        }
        viewA = new C2cView(all.stream().filter(m -> m.visibleTo(a)).toList());
        viewB = new C2cView(all.stream().filter(m -> m.visibleTo(b)).toList());
    }

    private static void dedupe(ArrayList<C2cMessage> sorted) {
        int w = 0;
        for (int r = 0; r < sorted.size(); r++) {
            if (w == 0 || sorted.get(w - 1).compareTo(sorted.get(r)) != 0) {
                sorted.set(w++, sorted.get(r));
            }
        }
        sorted.subList(w, sorted.size()).clear();
    }
}
