package dev.ccr.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The last quota snapshot of each provider, kept in {@code ~/.claude-code-router/runtime/quota-store.json} so a
 * restart knows at once which plans are spent. Polled snapshots are saved at once; readings from answer headers
 * (many per minute) are saved with the next {@link #flush()}. A team's instances share their snapshots: each one taken
 * here goes to {@link #shareWith its sharing}; the others' arrive through {@link #applyShared}, and the newest
 * snapshot of a provider wins wherever it was taken.
 */
public final class QuotaStore {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> file;
    private final Map<String, QuotaSnapshot> snapshots = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private volatile QuotaSharing sharing = QuotaSharing.NONE;

    /** @param file where snapshots persist, or empty to keep them in memory */
    public QuotaStore(Optional<Path> file) {
        this.file = file;
        file.ifPresent(this::load);
    }

    /** Tells {@code sharing} of every snapshot taken here from now on. */
    public void shareWith(QuotaSharing sharing) {
        this.sharing = Objects.requireNonNull(sharing, "sharing");
    }

    public Optional<QuotaSnapshot> get(String provider) {
        return Optional.ofNullable(snapshots.get(provider));
    }

    /** Keeps {@code snapshot} as its provider's latest and saves the store. */
    public void put(QuotaSnapshot snapshot) {
        snapshots.put(snapshot.provider(), snapshot);
        dirty.set(true);
        sharing.stored(snapshot);
        flush();
    }

    /** Keeps {@code snapshot} as its provider's latest; saved with the next {@link #flush()}. */
    void putLater(QuotaSnapshot snapshot) {
        snapshots.put(snapshot.provider(), snapshot);
        dirty.set(true);
        sharing.stored(snapshot);
    }

    /**
     * Takes on a snapshot another instance took, unless the one kept here is as new or newer; tells no one. Saved
     * with the next {@link #flush()}.
     */
    public void applyShared(QuotaSnapshot snapshot) {
        QuotaSnapshot kept = snapshots.merge(snapshot.provider(), snapshot,
                (mine, theirs) -> theirs.checkedAt().isAfter(mine.checkedAt()) ? theirs : mine);
        if (kept == snapshot) {
            dirty.set(true);
        }
    }

    /** Whether this instance should poll {@code provider} now, or leave it to the team ({@link QuotaSharing#claimPoll}). */
    boolean claimPoll(String provider, Duration hold) {
        return sharing.claimPoll(provider, hold);
    }

    /** Every provider's latest snapshot, to hand to the other instances after the shared store was away. */
    public List<QuotaSnapshot> all() {
        return List.copyOf(snapshots.values());
    }

    /** Saves the store if anything changed since the last save. */
    public synchronized void flush() {
        if (file.isEmpty() || !dirty.getAndSet(false)) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode providers = root.putObject("providers");
        snapshots.values().stream().sorted(Comparator.comparing(QuotaSnapshot::provider))
                .forEach(s -> providers.set(s.provider(), SnapshotJson.write(s)));
        try {
            Path target = file.get();
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not save provider quotas to {}: {}", file.get(), e.getMessage());
        }
    }

    private void load(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            JsonNode saved = JSON.readTree(path.toFile());
            saved.path("providers").forEach(node -> {
                try {
                    QuotaSnapshot snapshot = SnapshotJson.read(node);
                    snapshots.put(snapshot.provider(), snapshot);
                } catch (RuntimeException e) {
                    LOG.warn("Ignoring an unreadable quota entry in {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable quota store {}: {}", path, e.getMessage());
        }
    }
}
