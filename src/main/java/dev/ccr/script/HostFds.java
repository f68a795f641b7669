package dev.ccr.script;

import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node's numbered file descriptors ({@code fs.openSync}, {@code readSync}, {@code writeSync}, {@code closeSync}) over
 * FileChannels, one table per Context. Answers {@code [code, message, value]} as {@link HostFiles} does.
 */
final class HostFds {
    /** Where descriptors start: 0-2 are the standard streams in Node. */
    private static final int FIRST = 10;

    private record Open(Path path, FileChannel channel, boolean append) {
    }

    private final Map<Integer, Open> open = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(FIRST);

    /** fd(op, ...): open(path, flags), close(fd), read(fd, length, position), write(fd, data, position), fstat(fd), ftruncate(fd, length). */
    Object[] call(ScriptGuard guard, Value... a) {
        String op = a[0].asString();
        try {
            if (op.equals("open")) {
                String path = a[1].asString();
                Optional<String> denied = guard.file("open", path);
                if (denied.isPresent()) {
                    return new Object[] {HostFiles.DENIED, denied.get(), null};
                }
                return HostFiles.ok(open(Path.of(path), a[2].asString()));
            }
            int fd = a[1].asInt();
            Open file = open.get(fd);
            if (file == null) {
                return new Object[] {"EBADF", "bad file descriptor " + fd, null};
            }
            return HostFiles.ok(switch (op) {
                case "close" -> {
                    open.remove(fd);
                    file.channel().close();
                    yield null;
                }
                case "read" -> read(file, a[2].asInt(), a[3].isNull() ? -1 : a[3].asLong());
                case "write" -> write(file, HostFiles.bytes(a[2]), a[3].isNull() ? -1 : a[3].asLong());
                case "fstat" -> HostFiles.stat(file.path(), true);
                case "ftruncate" -> {
                    file.channel().truncate(a[2].asLong());
                    yield null;
                }
                case "fsync" -> {
                    file.channel().force(true);
                    yield null;
                }
                default -> throw new IllegalArgumentException("unknown fd operation " + op);
            });
        } catch (NoSuchFileException e) {
            return HostFiles.error("ENOENT", e);
        } catch (FileAlreadyExistsException e) {
            return HostFiles.error("EEXIST", e);
        } catch (IOException e) {
            return HostFiles.error("EIO", e);
        }
    }

    private int open(Path path, String flags) throws IOException {
        Set<OpenOption> options = switch (flags) {
            case "r" -> Set.of(StandardOpenOption.READ);
            case "r+", "rs+" -> Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE);
            case "w" -> Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            case "wx", "xw" -> Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            case "w+" -> Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            case "wx+", "xw+" -> Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            case "a", "as" -> Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            case "ax", "xa" -> Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
            case "a+", "as+" -> Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
            case "ax+", "xa+" -> Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            default -> throw new IOException("unknown file open flag '" + flags + "'");
        };
        boolean append = flags.startsWith("a") || flags.startsWith("xa");
        FileChannel channel = FileChannel.open(path, options);
        int fd = next.getAndIncrement();
        open.put(fd, new Open(path, channel, append));
        return fd;
    }

    private static ByteBuffer read(Open file, int length, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length));
        int n = position >= 0 ? file.channel().read(buffer, position) : file.channel().read(buffer);
        buffer.flip();
        buffer.limit(Math.max(0, n));
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return ByteBuffer.wrap(out);
    }

    private static int write(Open file, byte[] bytes, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (file.append()) {
            file.channel().position(file.channel().size());
        }
        int written = 0;
        while (buffer.hasRemaining()) {
            written += position >= 0 && !file.append() ? file.channel().write(buffer, position + written) : file.channel().write(buffer);
        }
        return written;
    }

    /** Closes every descriptor (the Context is going away). */
    void closeAll() {
        open.values().forEach(f -> {
            try {
                f.channel().close();
            } catch (IOException ignored) {
                // going away anyway
            }
        });
        open.clear();
    }
}
