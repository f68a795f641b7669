package dev.ccr.script;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files for scripts: module sources for the CommonJS loader (user files, and ccr's runtime under {@code ccr:/}), and
 * the operations behind the {@code fs} shim. Plugins are trusted as in CCR: they read and write the user's files
 * (e.g. {@code ~/.gemini/oauth_creds.json}) with ccr's rights. Errors are answered, not thrown, as
 * {@code [code, message, value]} with Node's codes ({@code ENOENT}, {@code EEXIST}, ...).
 */
final class HostFiles {
    private static final String RUNTIME_PREFIX = "ccr:/";

    private HostFiles() {
    }

    /* --------------- Modules --------------- */

    /** "file", "dir" or null: what the loader may find at {@code path}. */
    static String kind(String path) {
        if (path.startsWith(RUNTIME_PREFIX)) {
            String rel = path.substring(RUNTIME_PREFIX.length());
            return rel.matches(".*\\.(js|cjs|json)$") && SharedEngine.resource(rel).isPresent() ? "file" : null;
        }
        Path p = Path.of(path);
        return Files.isRegularFile(p) ? "file" : Files.isDirectory(p) ? "dir" : null;
    }

    static String readText(String path) {
        if (path.startsWith(RUNTIME_PREFIX)) {
            return SharedEngine.resource(path.substring(RUNTIME_PREFIX.length()))
                    .orElseThrow(() -> new IllegalArgumentException("no runtime file " + path));
        }
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
        }
    }

    /**
     * Compiles a CommonJS module into the function {@code (exports, require, module, __filename, __dirname)}. The
     * wrapper keeps line numbers, and the Source is shared, so each file is parsed once for all Contexts.
     */
    static Value compile(String path) {
        String text = readText(path);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.startsWith("#!")) {
            text = "//" + text;
        }
        String wrapped = "(function (exports, require, module, __filename, __dirname) {" + text + "\n})";
        return Context.getCurrent().eval(SharedEngine.source(path, wrapped));
    }

    /* --------------- fs --------------- */

    /** The error code of a call the sandbox denied; its message says what and why. */
    static final String DENIED = "ERR_CCR_SANDBOX";

    /**
     * fs(op, path, ...): one file operation, if {@code guard} allows it on every path it touches; answers
     * {@code [code, message, value]}.
     */
    static Object[] fs(ScriptGuard guard, Value... a) {
        String op = a[0].asString();
        Optional<String> denied = guard.file(op, a[1].asString());
        if (denied.isEmpty() && (op.equals("rename") || op.equals("copy") || op.equals("symlink"))) {
            denied = guard.file(op, a[2].asString());
        }
        if (denied.isPresent()) {
            return new Object[] {DENIED, denied.get(), null};
        }
        Path path = Path.of(a[1].asString());
        try {
            return ok(switch (op) {
                case "exists" -> Files.exists(path);
                case "readText" -> Files.readString(path, StandardCharsets.UTF_8);
                case "readBytes" -> ByteBuffer.wrap(Files.readAllBytes(path));
                case "write" -> write(path, a[2], a[3].asBoolean());
                case "stat" -> stat(path, a[2].asBoolean());
                case "readdir" -> readdir(path);
                case "mkdir" -> mkdir(path, a[2].asBoolean());
                case "rm" -> remove(path, a[2].asBoolean(), a[3].asBoolean());
                case "rename" -> Files.move(path, Path.of(a[2].asString()), StandardCopyOption.REPLACE_EXISTING).toString();
                case "copy" -> Files.copy(path, Path.of(a[2].asString()), StandardCopyOption.REPLACE_EXISTING).toString();
                case "access" -> access(path);
                case "realpath" -> path.toRealPath().toString();
                case "chmod" -> chmod(path, a[2].asInt());
                case "mkdtemp" -> Files.createTempDirectory(path.getParent(), path.getFileName().toString()).toString();
                case "utimes" -> utimes(path, a[2].asDouble(), a[3].asDouble());
                case "symlink" -> Files.createSymbolicLink(Path.of(a[2].asString()), path).toString();
                case "readlink" -> Files.readSymbolicLink(path).toString();
                case "truncate" -> truncate(path, a[2].asLong());
                default -> throw new IllegalArgumentException("unknown fs operation " + op);
            });
        } catch (NoSuchFileException e) {
            return error("ENOENT", e);
        } catch (FileAlreadyExistsException e) {
            return error("EEXIST", e);
        } catch (DirectoryNotEmptyException e) {
            return error("ENOTEMPTY", e);
        } catch (NotDirectoryException e) {
            return error("ENOTDIR", e);
        } catch (AccessDeniedException e) {
            return error("EACCES", e);
        } catch (IOException e) {
            return error(Files.isDirectory(path) ? "EISDIR" : "EIO", e);
        }
    }

    static Object[] ok(Object value) {
        return new Object[] {null, null, value};
    }

    static Object[] error(String code, IOException e) {
        return new Object[] {code, String.valueOf(e.getMessage()), null};
    }

    private static Object write(Path path, Value data, boolean append) throws IOException {
        byte[] bytes = data.isString() ? data.asString().getBytes(StandardCharsets.UTF_8) : bytes(data);
        if (append) {
            Files.write(path, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } else {
            Files.write(path, bytes);
        }
        return null;
    }

    static String stat(Path path, boolean follow) throws IOException {
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, options);
        String kind = attrs.isSymbolicLink() ? "symlink" : attrs.isDirectory() ? "dir" : attrs.isRegularFile() ? "file" : "other";
        int mode = (attrs.isDirectory() ? 0040000 : 0100000) | permissions(path);
        return "{\"size\":" + attrs.size() + ",\"mode\":" + mode + ",\"kind\":\"" + kind + "\""
                + ",\"atimeMs\":" + attrs.lastAccessTime().toMillis() + ",\"mtimeMs\":" + attrs.lastModifiedTime().toMillis()
                + ",\"ctimeMs\":" + attrs.lastModifiedTime().toMillis() + ",\"birthtimeMs\":" + attrs.creationTime().toMillis() + "}";
    }

    private static int permissions(Path path) {
        try {
            int mode = 0;
            for (PosixFilePermission p : Files.getPosixFilePermissions(path)) {
                mode |= 1 << (8 - p.ordinal());
            }
            return mode;
        } catch (IOException | UnsupportedOperationException e) {
            return 0644;
        }
    }

    private static String readdir(Path path) throws IOException {
        StringBuilder json = new StringBuilder("[");
        try (Stream<Path> entries = Files.list(path)) {
            for (Path entry : entries.sorted().toList()) {
                String kind = Files.isSymbolicLink(entry) ? "symlink" : Files.isDirectory(entry) ? "dir" : Files.isRegularFile(entry) ? "file" : "other";
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append("[\"").append(escape(entry.getFileName().toString())).append("\",\"").append(kind).append("\"]");
            }
        }
        return json.append(']').toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Node answers the first directory created by a recursive mkdir, or undefined. */
    private static String mkdir(Path path, boolean recursive) throws IOException {
        if (!recursive) {
            Files.createDirectory(path);
            return null;
        }
        Path first = path;
        while (first.getParent() != null && !Files.exists(first.getParent())) {
            first = first.getParent();
        }
        boolean existed = Files.isDirectory(path);
        Files.createDirectories(path);
        return existed ? null : first.toString();
    }

    private static Object remove(Path path, boolean recursive, boolean force) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (force) {
                return null;
            }
            throw new NoSuchFileException(path.toString());
        }
        if (recursive && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> all = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(path)) {
                walk.sorted(Comparator.reverseOrder()).forEach(all::add);
            }
            for (Path p : all) {
                Files.delete(p);
            }
        } else {
            Files.delete(path);
        }
        return null;
    }

    private static Object utimes(Path path, double atimeMs, double mtimeMs) throws IOException {
        BasicFileAttributeView view = Files.getFileAttributeView(path, BasicFileAttributeView.class);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        view.setTimes(FileTime.fromMillis((long) mtimeMs), FileTime.fromMillis((long) atimeMs), null);
        return null;
    }

    private static Object truncate(Path path, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            if (length < channel.size()) {
                channel.truncate(length);
            } else {
                channel.position(length - 1 < 0 ? 0 : length - 1);
                if (length > channel.size()) {
                    channel.write(ByteBuffer.wrap(new byte[1]));
                }
            }
        }
        return null;
    }

    private static Object access(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        return null;
    }

    private static Object chmod(Path path, int mode) throws IOException {
        StringBuilder perms = new StringBuilder();
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            perms.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        Set<PosixFilePermission> set = PosixFilePermissions.fromString(perms.toString());
        try {
            Files.setPosixFilePermissions(path, set);
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; Node ignores most modes on Windows too
        }
        return null;
    }

    /** The bytes of a JS ArrayBuffer. */
    static byte[] bytes(Value buffer) {
        if (buffer.isString()) {
            return buffer.asString().getBytes(StandardCharsets.UTF_8);
        }
        byte[] out = new byte[(int) buffer.getBufferSize()];
        buffer.readBuffer(0, out, 0, out.length);
        return out;
    }
}
