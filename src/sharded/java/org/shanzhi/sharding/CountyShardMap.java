package org.shanzhi.sharding;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which database (ShardingSphere data source name) holds which county: a properties file a province edits, e.g.
 *
 * <pre>
 * 469030=ds_0
 * 469002=ds_1
 * default=ds_0            # counties not listed
 * readonly=469030         # counties whose writes are refused for a moment (move-county's switch)
 * </pre>
 *
 * Every app node reads the same file (a shared store); a change is picked up within {@link #RELOAD_MILLIS}.
 * Written only by {@link #write} (a temporary file renamed over the old one), so a reader never sees half a file.
 */
public final class CountyShardMap {

    static final long RELOAD_MILLIS = 500;

    private static final Map<Path, CountyShardMap> OPEN = new ConcurrentHashMap<>();

    private final Path file;
    private volatile Snapshot snapshot;
    private volatile long checkedAt;

    public record Snapshot(Map<String, String> shards, String defaultShard, Set<String> readOnly) {
        public String shardOf(String county) {
            String s = shards.get(county);
            return s != null ? s : defaultShard;
        }
    }

    private CountyShardMap(Path file) {
        this.file = file;
        this.snapshot = read(file);
        this.checkedAt = System.currentTimeMillis();
    }

    public static CountyShardMap of(Path file) {
        return OPEN.computeIfAbsent(file.toAbsolutePath().normalize(), CountyShardMap::new);
    }

    /** The map every node of this JVM uses (the one named in the sharding YAML), or null before the engine starts. */
    static volatile CountyShardMap current;

    public static CountyShardMap current() {
        return current;
    }

    public Path file() {
        return file;
    }

    public Snapshot snapshot() {
        long now = System.currentTimeMillis();
        if (now - checkedAt >= RELOAD_MILLIS) {
            checkedAt = now;
            Snapshot fresh = read(file);
            snapshot = fresh;
        }
        return snapshot;
    }

    /** Reads the file now (used by the move command between its steps). */
    public Snapshot reload() {
        snapshot = read(file);
        checkedAt = System.currentTimeMillis();
        return snapshot;
    }

    static Snapshot read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("county shard mapping " + file + " cannot be read", e);
        }
        Map<String, String> shards = new TreeMap<>();
        String def = null;
        Set<String> ro = new LinkedHashSet<>();
        for (String k : p.stringPropertyNames()) {
            String v = p.getProperty(k).trim();
            switch (k) {
                case "default" -> def = v;
                case "readonly" -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ro::add);
                default -> {
                    if (!k.matches("\\d{6}")) {
                        throw new IllegalStateException("county shard mapping " + file + ": '" + k + "' is not a county code");
                    }
                    shards.put(k, v);
                }
            }
        }
        return new Snapshot(Collections.unmodifiableMap(shards), def, Collections.unmodifiableSet(ro));
    }

    /** Replaces the file atomically with this content. */
    public synchronized void write(Map<String, String> shards, String defaultShard, Set<String> readOnly) {
        StringBuilder b = new StringBuilder("# county=data source; written by move-county, may be edited by hand\n");
        new TreeMap<>(shards).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        if (defaultShard != null) {
            b.append("default=").append(defaultShard).append('\n');
        }
        if (!readOnly.isEmpty()) {
            b.append("readonly=").append(String.join(",", readOnly)).append('\n');
        }
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".shards", ".tmp");
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reload();
    }

    public void write(Snapshot s) {
        write(new LinkedHashMap<>(s.shards()), s.defaultShard(), s.readOnly());
    }
}
