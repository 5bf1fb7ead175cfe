package io.cleave.mpc;

import io.cleave.mpc.internal.BatchRows;
import io.cleave.mpc.internal.Frames;
import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compute party's ExCache (LegoOS): a bounded cache of blocks of the public {@code E = X − A}
 * in a client-aided job, the data owners being the memory components that serve E. A block is up
 * to {@link ExCacheSettings#blockRows()} consecutive rows of one data owner; with it the cache
 * keeps this party's mask share of the same rows, regenerated locally from the dealer seed
 * (AES-CTR started at the block's first element), so only E crosses the network.
 *
 * <p><b>Policy: pinned prefix plus a streaming window.</b> Every epoch visits blocks 0 … B−1 in
 * order (batches are consecutive in row order): a cyclic scan, on which LRU with room for fewer
 * than B blocks misses on every access. Instead the cache pins the first P blocks once fetched and
 * streams the others through a window of W blocks: W slots hold the blocks of the next W scan
 * positions, requested that far ahead so each fetch overlaps the steps before its use, and a
 * streamed block is dropped as soon as the scan has passed it. P + W slots fit the capacity, so
 * after the first epoch exactly the P pinned blocks hit and the rest are fetched once per epoch.
 *
 * <p>The requests a data owner sees are the public schedule (block after block in row order,
 * epoch after epoch, the same for every dataset of this shape): they depend on the sizes, never
 * on values. Not thread-safe: the party's thread drives it.
 */
final class ExCache implements MaskedRows {
    private final Transport transport;
    private final PrgSeed dealerSeed;
    private final int features;
    private final long capacityBytes;
    /** Per block: input party, first training row, first row within its owner's rows, row count. */
    private final int[] owner;
    private final int[] firstRow;
    private final int[] ownerRow;
    private final int[] rows;
    private final int pinned;
    private final int window;
    private final long lastPosition;
    private final long[][] opened;
    private final long[][] mask;
    /** The scan position each requested streamed block was fetched for; it is dropped once the scan passes it. */
    private final long[] fetchedFor;
    private final boolean[] requested;
    private final boolean[] unused;
    /** The scan position whose visit of each block was counted: steps sharing a block in one pass count once. */
    private final long[] countedAt;
    /**
     * Per input party: one past its last block; its blocks not yet delivered once (counted down only
     * for pinned blocks, so it reaches 0 only when all its blocks are pinned and in); whether it was
     * told this party is done.
     */
    private final int[] ownerEnd;
    private final int[] toDeliver;
    private final boolean[] released;
    private long coveredUpTo = -1;
    private final List<ArrayDeque<Integer>> inFlight = new ArrayList<>();
    private final long[] batchOpened;
    private final long[] batchMask;
    private long position = -1;
    private long hits;
    private long misses;
    private long fetchedBytes;
    private long residentBytes;
    private long peakResidentBytes;

    ExCache(SecureJobSpec spec, Transport transport, PrgSeed dealerSeed, ExCacheSettings settings) {
        this.transport = transport;
        this.dealerSeed = dealerSeed;
        this.features = spec.features();
        this.capacityBytes = settings.capacityBytes();
        int blockRows = Math.max(1, Math.min(settings.blockRows(), Frames.MAX_ELEMENTS / features));
        long slotBytes = (long) blockRows * features * ExCacheSettings.ELEMENT_BYTES;
        long slots = capacityBytes / slotBytes;
        if (slots < 1) {
            throw new IllegalArgumentException("an ExCache of " + capacityBytes + " bytes holds no block of this job: "
                    + "a block is " + blockRows + " rows × " + features + " features × "
                    + ExCacheSettings.ELEMENT_BYTES + " bytes = "
                    + slotBytes + " bytes");
        }
        List<int[]> layout = new ArrayList<>();
        for (int i = 0; i < spec.rowsPerInputParty().size(); i++) {
            int ownerRows = spec.rowsPerInputParty().get(i);
            for (int r = 0; r < ownerRows; r += blockRows) {
                layout.add(new int[] {i, spec.rowOffset(i) + r, r, Math.min(blockRows, ownerRows - r)});
            }
            inFlight.add(new ArrayDeque<>());
        }
        int blocks = layout.size();
        int owners = spec.rowsPerInputParty().size();
        owner = layout.stream().mapToInt(b -> b[0]).toArray();
        firstRow = layout.stream().mapToInt(b -> b[1]).toArray();
        ownerRow = layout.stream().mapToInt(b -> b[2]).toArray();
        rows = layout.stream().mapToInt(b -> b[3]).toArray();
        long total = (long) spec.rows() * features * ExCacheSettings.ELEMENT_BYTES;
        if (total <= capacityBytes) {
            pinned = blocks;
            window = settings.prefetchBlocks();
        } else {
            window = (int) Math.min(settings.prefetchBlocks(), slots);
            pinned = pinnable(capacityBytes - window * slotBytes);
        }
        lastPosition = (long) spec.sgd().epochs() * blocks - 1;
        opened = new long[blocks][];
        mask = new long[blocks][];
        fetchedFor = new long[blocks];
        requested = new boolean[blocks];
        unused = new boolean[blocks];
        countedAt = new long[blocks];
        Arrays.fill(countedAt, -1);
        ownerEnd = new int[owners];
        toDeliver = new int[owners];
        released = new boolean[owners];
        for (int b = 0; b < blocks; b++) {
            ownerEnd[owner[b]] = b + 1;
            toDeliver[owner[b]]++;
        }
        batchOpened = new long[spec.sgd().batchSize() * features];
        batchMask = new long[batchOpened.length];
    }

    /** How many leading blocks fit {@code budget} bytes. */
    private int pinnable(long budget) {
        int count = 0;
        long used = 0;
        while (count < rows.length && used + blockBytes(count) <= budget) {
            used += blockBytes(count);
            count++;
        }
        return count;
    }

    @Override
    public BatchRows batch(int epoch, int from, int count) {
        int first = blockOf(from);
        int last = blockOf(from + count - 1);
        if (first == last) {
            access(epoch, first);
            int row = from - firstRow[first];
            return new BatchRows(opened[first], row, mask[first], row);
        }
        for (int b = first; b <= last; b++) {
            access(epoch, b);
            int start = Math.max(from, firstRow[b]);
            int end = Math.min(from + count, firstRow[b] + rows[b]);
            int length = (end - start) * features;
            System.arraycopy(opened[b], (start - firstRow[b]) * features, batchOpened, (start - from) * features, length);
            System.arraycopy(mask[b], (start - firstRow[b]) * features, batchMask, (start - from) * features, length);
        }
        return new BatchRows(batchOpened, 0, batchMask, 0);
    }

    /** Tells every data owner not yet released that this party needs no more blocks, so it can stop serving. */
    void finish() {
        for (int i = 0; i < released.length; i++) {
            release(i);
        }
    }

    /**
     * Releases each owner this party will never ask again: every later scan position is already
     * requested or resident, or all the owner's blocks are pinned and in. Its wait for the next
     * request thus never spans more than about one epoch, even when the whole of E fits.
     */
    private void releaseFinishedOwners() {
        for (int i = 0; i < released.length; i++) {
            if (!released[i] && (coveredUpTo == lastPosition || ownerEnd[i] <= pinned && toDeliver[i] == 0)) {
                release(i);
            }
        }
    }

    private void release(int ownerIndex) {
        if (!released[ownerIndex]) {
            released[ownerIndex] = true;
            transport.send(Participant.inputParty(ownerIndex), new byte[] {Frames.DONE});
        }
    }

    ExCacheStats stats() {
        return new ExCacheStats(hits, misses, fetchedBytes, residentBytes, peakResidentBytes, capacityBytes);
    }

    private int blockOf(int row) {
        int at = Arrays.binarySearch(firstRow, row);
        return at >= 0 ? at : -at - 2;
    }

    /**
     * Makes block {@code b} resident for its use at scan position (epoch, b), counting the visit as
     * a hit or a miss the first time a step of this pass asks for it.
     */
    private void access(int epoch, int b) {
        long at = (long) (epoch - 1) * opened.length + b;
        if (at > position) {
            position = at;
            dropPassedBlocks();
            prefetch();
        }
        if (opened[b] == null) {
            if (!requested[b]) {
                request(b, at);
            }
            receiveUntil(b);
        }
        if (countedAt[b] != at) {
            countedAt[b] = at;
            if (unused[b]) {
                unused[b] = false;
                misses++;
            } else {
                hits++;
            }
        }
        releaseFinishedOwners();
    }

    private void dropPassedBlocks() {
        for (int b = pinned; b < opened.length; b++) {
            if (opened[b] != null && fetchedFor[b] < position) {
                opened[b] = null;
                mask[b] = null;
                residentBytes -= blockBytes(b);
            }
        }
    }

    private void prefetch() {
        long end = Math.min(position + window - 1, lastPosition);
        for (long at = position; at <= end; at++) {
            int b = (int) (at % opened.length);
            if (opened[b] == null && !requested[b]) {
                request(b, at);
            }
        }
        coveredUpTo = Math.max(coveredUpTo, end);
    }

    private void request(int b, long at) {
        residentBytes += blockBytes(b);
        if (residentBytes > capacityBytes) {
            throw new IllegalStateException("ExCache bug: " + residentBytes + " bytes would exceed the capacity of "
                    + capacityBytes);
        }
        peakResidentBytes = Math.max(peakResidentBytes, residentBytes);
        requested[b] = true;
        fetchedFor[b] = at;
        transport.send(Participant.inputParty(owner[b]), Frames.encodeFetch(ownerRow[b], rows[b]));
        inFlight.get(owner[b]).add(b);
    }

    /** Receives the owner's answers in the order they were requested until block {@code b} is in. */
    private void receiveUntil(int b) {
        ArrayDeque<Integer> pending = inFlight.get(owner[b]);
        Participant from = Participant.inputParty(owner[b]);
        while (opened[b] == null) {
            int next = pending.remove();
            byte[] frame = transport.receive(from);
            Frames.throwIfRefused(frame, from.name());
            int n = rows[next] * features;
            long[] e = new long[n];
            Frames.decodeInto(Frames.MASKED_ROWS, frame, e, 0, n, "rows of E from " + from.name());
            long[] a = new long[n];
            new Prg(DataMask.seedFor(dealerSeed, owner[next]), (long) ownerRow[next] * features).fill(a, 0, n);
            opened[next] = e;
            mask[next] = a;
            requested[next] = false;
            unused[next] = true;
            if (next < pinned) {
                toDeliver[owner[next]]--;
            }
            fetchedBytes += (long) n * Long.BYTES;
        }
    }

    private long blockBytes(int b) {
        return (long) rows[b] * features * ExCacheSettings.ELEMENT_BYTES;
    }
}
