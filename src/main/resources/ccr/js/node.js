// ccr script runtime, part 4 of 6: the Node core modules plugins require.
//
// fs (sync, callback and promise forms, over the host's file bridge: plugins are trusted as in CCR and read and write
// the user's files), os, crypto (hashes, HMACs and random values over the JDK), util, events, buffer, path, url,
// string_decoder, assert, querystring, timers, stream/web, perf_hooks and process. Each is built on first require.
(function (host, rt) {
    'use strict';
    const settings = rt.settings;
    const B = rt.builtins;

    // ---------------------------------------------------------------- fs

    const FS_MESSAGES = {
        ENOENT: 'no such file or directory', EEXIST: 'file already exists', ENOTDIR: 'not a directory',
        EISDIR: 'illegal operation on a directory', ENOTEMPTY: 'directory not empty', EACCES: 'permission denied', EIO: 'i/o error',
        EBADF: 'bad file descriptor',
    };

    function pathArg(p) {
        if (typeof p === 'string') return p;
        if (p !== null && typeof p === 'object' && typeof p.href === 'string') return rt.fileURLToPath(p);
        if (p instanceof Uint8Array) return new TextDecoder().decode(p);
        throw new TypeError('The "path" argument must be of type string, Buffer or URL');
    }

    /** Runs a host file operation; host answers [code, message, value]. */
    function fsCall(syscall, op, path, ...args) {
        return fsAnswer(host.fs(op, path, ...args), syscall, path);
    }

    /** The value of a host answer [code, message, value], or Node's error for its code. */
    function fsAnswer(r, syscall, path) {
        if (r[0] !== null) {
            const code = r[0];
            if (code === 'ERR_CCR_SANDBOX') {
                const err = new Error(r[1]);
                err.code = code;
                err.syscall = syscall;
                err.path = path;
                throw err;
            }
            const err = new Error(`${code}: ${FS_MESSAGES[code] || r[1]}, ${syscall} '${path}'`);
            err.code = code;
            err.errno = -({ ENOENT: 2, EEXIST: 17, ENOTDIR: 20, EISDIR: 21, ENOTEMPTY: 39, EACCES: 13, EBADF: 9 }[code] || 5);
            err.syscall = syscall;
            err.path = path;
            throw err;
        }
        return r[2];
    }

    function encodingOf(options) {
        return typeof options === 'string' ? options : options && options.encoding ? options.encoding : null;
    }

    function dataBytes(data, options) {
        if (typeof data === 'string') {
            const enc = encodingOf(options);
            return !enc || /^utf-?8$/i.test(enc) ? data : Buffer.from(data, enc);
        }
        if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return rt.toHost(rt.chunkBytes(data));
        return String(data);
    }

    class Stats {
        constructor(s) {
            Object.assign(this, { dev: 0, ino: 0, nlink: 1, uid: 0, gid: 0, rdev: 0, blksize: 4096 });
            this.mode = s.mode;
            this.size = s.size;
            this.blocks = Math.ceil(s.size / 512);
            for (const t of ['atime', 'mtime', 'ctime', 'birthtime']) {
                this[t + 'Ms'] = s[t + 'Ms'];
                this[t] = new Date(s[t + 'Ms']);
            }
            this._kind = s.kind;
        }
        isFile() { return this._kind === 'file'; }
        isDirectory() { return this._kind === 'dir'; }
        isSymbolicLink() { return this._kind === 'symlink'; }
        isFIFO() { return false; }
        isSocket() { return false; }
        isBlockDevice() { return false; }
        isCharacterDevice() { return false; }
    }

    class Dirent {
        constructor(name, dir, kind) { this.name = name; this.parentPath = dir; this.path = dir; this._kind = kind; }
        isFile() { return this._kind === 'file'; }
        isDirectory() { return this._kind === 'dir'; }
        isSymbolicLink() { return this._kind === 'symlink'; }
        isFIFO() { return false; }
        isSocket() { return false; }
        isBlockDevice() { return false; }
        isCharacterDevice() { return false; }
    }

    const sync = {
        existsSync(p) {
            try { return host.fs('exists', pathArg(p))[2] === true; } catch (e) { return false; }
        },
        readFileSync(p, options) {
            const enc0 = encodingOf(options);
            if (typeof p === 'number') {
                const chunks = [];
                for (let chunk; (chunk = fdRead(p, 65536, null)).length > 0;) chunks.push(chunk);
                const all = Buffer.concat(chunks);
                return enc0 ? all.toString(enc0) : all;
            }
            const path = pathArg(p);
            const enc = encodingOf(options);
            if (enc && /^utf-?8$/i.test(enc)) return fsCall('open', 'readText', path);
            const bytes = Buffer.from(rt.fromHost(fsCall('open', 'readBytes', path)).buffer);
            return enc ? bytes.toString(enc) : bytes;
        },
        writeFileSync(p, data, options) {
            if (typeof p === 'number') { sync.writeSync(p, typeof data === 'string' ? Buffer.from(data, encodingOf(options) || 'utf8') : data); return; }
            const flag = options && typeof options === 'object' ? options.flag : undefined;
            fsCall('open', 'write', pathArg(p), dataBytes(data, options), flag === 'a' || flag === 'a+');
        },
        appendFileSync(p, data, options) { fsCall('open', 'write', pathArg(p), dataBytes(data, options), true); },
        statSync(p, options) {
            const path = pathArg(p);
            if (options && options.throwIfNoEntry === false && !sync.existsSync(path)) return undefined;
            return new Stats(JSON.parse(fsCall('stat', 'stat', path, true)));
        },
        lstatSync(p, options) {
            const path = pathArg(p);
            if (options && options.throwIfNoEntry === false && !sync.existsSync(path)) return undefined;
            return new Stats(JSON.parse(fsCall('lstat', 'stat', path, false)));
        },
        readdirSync(p, options) {
            const path = pathArg(p);
            const entries = JSON.parse(fsCall('scandir', 'readdir', path));
            return options && options.withFileTypes ? entries.map(([name, kind]) => new Dirent(name, path, kind)) : entries.map(([name]) => name);
        },
        mkdirSync(p, options) {
            const recursive = !!(options && typeof options === 'object' && options.recursive);
            return fsCall('mkdir', 'mkdir', pathArg(p), recursive) || undefined;
        },
        rmSync(p, options) { fsCall('rm', 'rm', pathArg(p), !!(options && options.recursive), !!(options && options.force)); },
        rmdirSync(p, options) { fsCall('rmdir', 'rm', pathArg(p), !!(options && options.recursive), false); },
        unlinkSync(p) { fsCall('unlink', 'rm', pathArg(p), false, false); },
        renameSync(from, to) { fsCall('rename', 'rename', pathArg(from), pathArg(to)); },
        copyFileSync(from, to) { fsCall('copyfile', 'copy', pathArg(from), pathArg(to)); },
        accessSync(p) { fsCall('access', 'access', pathArg(p)); },
        realpathSync(p) { return fsCall('realpath', 'realpath', pathArg(p)); },
        chmodSync(p, mode) { fsCall('chmod', 'chmod', pathArg(p), typeof mode === 'string' ? parseInt(mode, 8) : mode); },
        mkdtempSync(prefix) { return fsCall('mkdtemp', 'mkdtemp', pathArg(prefix)); },
        utimesSync(p, atime, mtime) { fsCall('utime', 'utimes', pathArg(p), timeMs(atime), timeMs(mtime)); },
        lutimesSync(p, atime, mtime) { fsCall('lutime', 'utimes', pathArg(p), timeMs(atime), timeMs(mtime)); },
        symlinkSync(target, p) { fsCall('symlink', 'symlink', pathArg(target), pathArg(p)); },
        readlinkSync(p) { return fsCall('readlink', 'readlink', pathArg(p)); },
        truncateSync(p, length) {
            if (typeof p === 'number') { sync.ftruncateSync(p, length); return; }
            fsCall('open', 'truncate', pathArg(p), length || 0);
        },
        openSync(p, flags, mode) {
            const path = pathArg(p);
            return fsAnswer(host.fd('open', path, openFlags(flags === undefined || flags === null ? 'r' : flags)), 'open', path);
        },
        closeSync(fd) { fdCall('close', fd); },
        readSync(fd, buffer, offset, length, position) {
            if (offset !== null && typeof offset === 'object') ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset);
            offset = offset || 0;
            if (length === undefined) length = buffer.byteLength - offset;
            const bytes = fdRead(fd, length, typeof position === 'number' || typeof position === 'bigint' ? Number(position) : null);
            new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(bytes, offset);
            return bytes.length;
        },
        writeSync(fd, data, offset, length, position) {
            let bytes;
            if (typeof data === 'string') {
                bytes = Buffer.from(data, typeof length === 'string' ? length : 'utf8');
                position = typeof offset === 'number' ? offset : null;
            } else {
                const all = rt.chunkBytes(data);
                offset = offset || 0;
                bytes = all.subarray(offset, length === undefined || length === null ? all.length : offset + length);
                position = typeof position === 'number' ? position : null;
            }
            return fdCall('write', fd, rt.toHost(new Uint8Array(bytes)), position);
        },
        fstatSync(fd) { return new Stats(JSON.parse(fdCall('fstat', fd))); },
        ftruncateSync(fd, length) { fdCall('ftruncate', fd, length || 0); },
        fsyncSync(fd) { fdCall('fsync', fd); },
        fdatasyncSync(fd) { fdCall('fsync', fd); },
        futimesSync() {},
    };

    function timeMs(t) {
        if (t instanceof Date) return t.getTime();
        if (typeof t === 'string') return Number(t) * 1000;
        return Number(t) * 1000;   // Node takes seconds
    }

    /** Node's flags ('r', 'a+', or O_* numbers) as the host's letters. */
    function openFlags(flags) {
        if (typeof flags === 'string') return flags;
        const c = sync.constants;
        const rw = flags & 3;
        const letter = flags & c.O_APPEND ? 'a' : flags & c.O_TRUNC || (flags & c.O_CREAT && rw !== 0) ? 'w' : 'r';
        const excl = flags & c.O_EXCL ? 'x' : '';
        return letter + excl + (rw === 2 || (letter === 'r' && rw === 1) ? '+' : '');
    }

    function fdCall(op, fd, ...args) {
        if (typeof fd !== 'number') throw new TypeError('The "fd" argument must be of type number');
        return fsAnswer(host.fd(op, fd, ...args), op, undefined);
    }

    function fdRead(fd, length, position) {
        return Buffer.from(rt.fromHost(fdCall('read', fd, length, position)));
    }
    sync.realpathSync.native = sync.realpathSync;
    sync.constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128,
        O_TRUNC: 512, O_APPEND: 1024, COPYFILE_EXCL: 1 };

    const SYNC_NAMES = Object.keys(sync).filter(n => n.endsWith('Sync') && n !== 'existsSync');

    function fsModule() {
        const fs = Object.assign({}, sync);
        for (const name of SYNC_NAMES) {
            const base = name.slice(0, -4);
            fs[base] = (...args) => {
                const cb = typeof args[args.length - 1] === 'function' ? args.pop() : () => {};
                let result, error = null;
                try { result = sync[name](...args); } catch (e) { error = e; }
                queueMicrotask(() => error ? cb(error) : cb(null, result));
            };
        }
        fs.exists = (p, cb) => queueMicrotask(() => cb(sync.existsSync(p)));
        // read and write call back with (error, bytes, buffer), not just a value.
        fs.read = (fd, buffer, ...rest) => {
            const cb = rest.pop();
            let n, error = null;
            try { n = sync.readSync(fd, buffer, ...rest); } catch (e) { error = e; }
            queueMicrotask(() => error ? cb(error) : cb(null, n, buffer));
        };
        fs.write = (fd, data, ...rest) => {
            const cb = typeof rest[rest.length - 1] === 'function' ? rest.pop() : () => {};
            let n, error = null;
            try { n = sync.writeSync(fd, data, ...rest); } catch (e) { error = e; }
            queueMicrotask(() => error ? cb(error) : cb(null, n, data));
        };
        fs.promises = fsPromises();
        Object.assign(fs, fs.constants);
        fs.Stats = Stats;
        fs.Dirent = Dirent;
        fs.createWriteStream = (p, options) => writeStream(pathArg(p), options);
        fs.createReadStream = (p, options) => {
            const { Readable } = builtin('stream');
            const path = pathArg(p);
            const enc = encodingOf(options);
            let sent = false;
            const stream = new Readable({
                read() {
                    if (sent) return;
                    sent = true;
                    try {
                        const bytes = sync.readFileSync(path);
                        if (bytes.length) this.push(enc ? bytes.toString(enc) : bytes);
                        this.push(null);
                    } catch (e) {
                        this.destroy(e);
                    }
                },
            });
            stream.path = path;
            return stream;
        };
        for (const name of ['watch', 'watchFile', 'unwatchFile']) {
            fs[name] = () => { throw new Error(`fs.${name}() is not supported in ccr scripts`); };
        }
        return fs;
    }

    function fsPromises() {
        const p = {};
        for (const name of SYNC_NAMES) {
            const base = name.slice(0, -4);
            p[base] = async (...args) => sync[name](...args);
        }
        p.constants = sync.constants;
        p.open = async (path, flags) => fileHandle(sync.openSync(path, flags));
        return p;
    }

    /** fs.promises.open's FileHandle, over the sync descriptor calls. */
    function fileHandle(fd) {
        return {
            fd,
            readFile: async options => sync.readFileSync(fd, options),
            writeFile: async (data, options) => sync.writeFileSync(fd, data, options),
            appendFile: async (data, options) => sync.writeFileSync(fd, data, options),
            read: async (buffer, offset, length, position) => ({ bytesRead: sync.readSync(fd, buffer, offset, length, position), buffer }),
            write: async (data, ...rest) => ({ bytesWritten: sync.writeSync(fd, data, ...rest), buffer: data }),
            stat: async () => sync.fstatSync(fd),
            truncate: async length => sync.ftruncateSync(fd, length),
            sync: async () => sync.fsyncSync(fd),
            datasync: async () => sync.fsyncSync(fd),
            utimes: async () => {},
            close: async () => sync.closeSync(fd),
        };
    }

    /** A minimal fs.WriteStream that appends each write (log-file plugins use it). */
    function writeStream(path, options) {
        const EventEmitter = builtin('events');
        const stream = new EventEmitter();
        const flags = options && typeof options === 'object' ? options.flags : undefined;
        if (flags !== 'a' && flags !== 'a+') sync.writeFileSync(path, '');
        stream.path = path;
        stream.bytesWritten = 0;
        stream.writable = true;
        stream.write = (chunk, enc, cb) => {
            if (typeof enc === 'function') cb = enc;
            try {
                sync.appendFileSync(path, chunk);
                stream.bytesWritten += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
                if (cb) queueMicrotask(() => cb(null));
            } catch (e) {
                if (cb) queueMicrotask(() => cb(e)); else queueMicrotask(() => stream.emit('error', e));
            }
            return true;
        };
        stream.end = (chunk, enc, cb) => {
            if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
            if (chunk !== undefined && chunk !== null) stream.write(chunk);
            stream.writable = false;
            queueMicrotask(() => { stream.emit('finish'); stream.emit('close'); if (cb) cb(); });
            return stream;
        };
        stream.close = cb => stream.end(cb);
        stream.destroy = () => { stream.writable = false; return stream; };
        return stream;
    }

    function builtin(name) {
        return rt.requireBuiltin(name);
    }

    B.fs = fsModule;
    B['fs/promises'] = () => builtin('fs').promises;

    // ---------------------------------------------------------------- os, path, process

    B.os = () => {
        const os = settings.os;
        return {
            EOL: os.eol,
            homedir: () => os.homedir,
            tmpdir: () => os.tmpdir,
            hostname: () => os.hostname,
            platform: () => os.platform,
            type: () => os.type,
            arch: () => os.arch,
            release: () => os.release,
            version: () => os.release,
            machine: () => os.arch,
            endianness: () => 'LE',
            cpus: () => Array.from({ length: os.cpus }, () => ({ model: 'cpu', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } })),
            availableParallelism: () => os.cpus,
            totalmem: () => os.totalmem,
            freemem: () => os.freemem,
            loadavg: () => [0, 0, 0],
            uptime: () => process.uptime(),
            networkInterfaces: () => ({}),
            userInfo: () => ({ username: os.username, uid: -1, gid: -1, shell: null, homedir: os.homedir }),
            constants: { signals: {}, errno: {} },
            devNull: '/dev/null',
        };
    };
    B.path = () => {
        const path = rt.vendor('path-browserify');
        path.posix = path;
        return path;
    };
    B['path/posix'] = () => builtin('path');
    B.process = () => globalThis.process;

    // ---------------------------------------------------------------- crypto

    const HASHES = { md5: 'MD5', sha1: 'SHA-1', sha224: 'SHA-224', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

    function algorithm(name) {
        const key = String(name).toLowerCase().replace(/-/g, '');
        const java = HASHES[key];
        if (!java) throw new Error(`Digest method not supported: ${name}`);
        return java;
    }

    function toBytes(data, encoding) {
        if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
        return rt.chunkBytes(data);
    }

    class Hash {
        constructor(alg, key) { this._alg = alg; this._key = key; this._chunks = []; this._done = false; }
        update(data, encoding) {
            if (this._done) throw new Error('Digest already called');
            this._chunks.push(toBytes(data, encoding));
            return this;
        }
        digest(encoding) {
            if (this._done) throw new Error('Digest already called');
            this._done = true;
            const total = this._chunks.reduce((n, c) => n + c.length, 0);
            const all = new Uint8Array(total);
            let off = 0;
            for (const c of this._chunks) { all.set(c, off); off += c.length; }
            const out = Buffer.from(rt.fromHost(host.digest(this._alg, rt.toHost(all), this._key)).buffer);
            return encoding && encoding !== 'buffer' ? out.toString(encoding) : out;
        }
        copy() {
            const h = new Hash(this._alg, this._key);
            h._chunks = this._chunks.slice();
            return h;
        }
    }

    function randomBytes(n, cb) {
        const bytes = Buffer.from(rt.fromHost(host.randomBytes(n)).buffer);
        if (typeof cb === 'function') { queueMicrotask(() => cb(null, bytes)); return undefined; }
        return bytes;
    }

    function getRandomValues(array) {
        if (!ArrayBuffer.isView(array)) throw new TypeError('The data argument must be an integer-type TypedArray');
        if (array.byteLength > 65536) throw new DOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
        new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(rt.fromHost(host.randomBytes(array.byteLength)));
        return array;
    }

    const subtle = {
        async digest(alg, data) {
            const name = typeof alg === 'string' ? alg : alg.name;
            return rt.fromHost(host.digest(algorithm(name), rt.toHost(rt.chunkBytes(data)), null)).buffer;
        },
    };

    B.crypto = () => ({
        createHash: alg => new Hash(algorithm(alg), null),
        createHmac: (alg, key) => new Hash('Hmac' + algorithm(alg).replace('-', ''), rt.toHost(toBytes(key))),
        randomBytes,
        pseudoRandomBytes: randomBytes,
        randomUUID: () => host.randomUUID(),
        randomInt(min, max, cb) {
            if (max === undefined || typeof max === 'function') { cb = max; max = min; min = 0; }
            const span = max - min;
            const value = min + Math.floor(new Uint32Array(getRandomValues(new Uint32Array(1)))[0] / 4294967296 * span);
            if (typeof cb === 'function') { queueMicrotask(() => cb(null, value)); return undefined; }
            return value;
        },
        getRandomValues,
        timingSafeEqual(a, b) {
            if (a.byteLength !== b.byteLength) throw new RangeError('Input buffers must have the same byte length');
            let diff = 0;
            for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
            return diff === 0;
        },
        getHashes: () => Object.keys(HASHES),
        webcrypto: globalThis.crypto,
        subtle,
    });
    globalThis.crypto = { randomUUID: () => host.randomUUID(), getRandomValues, subtle };

    // ---------------------------------------------------------------- util, events, buffer, string_decoder

    B.util = () => {
        const custom = Symbol.for('nodejs.util.promisify.custom');
        const util = {
            format: rt.format,
            inspect: Object.assign((v, opts) => rt.inspect(v, opts && typeof opts.depth === 'number' ? opts.depth : 2), { custom: Symbol.for('nodejs.util.inspect.custom') }),
            promisify(fn) {
                if (fn[custom]) return fn[custom];
                return (...args) => new Promise((resolve, reject) => fn(...args, (err, value) => err ? reject(err) : resolve(value)));
            },
            callbackify: fn => (...args) => {
                const cb = args.pop();
                fn(...args).then(v => cb(null, v), e => cb(e));
            },
            inherits(ctor, superCtor) {
                Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
                Object.setPrototypeOf(ctor, superCtor);
                ctor.super_ = superCtor;
            },
            deprecate: fn => fn,
            debuglog: () => Object.assign(() => {}, { enabled: false }),
            isDeepStrictEqual: (a, b) => JSON.stringify(a) === JSON.stringify(b),
            stripVTControlCharacters: s => String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''),
            styleText: (format, text) => text,
            TextEncoder, TextDecoder,
            types: {
                isPromise: v => v instanceof Promise, isDate: v => v instanceof Date, isRegExp: v => v instanceof RegExp,
                isUint8Array: v => v instanceof Uint8Array, isArrayBuffer: v => v instanceof ArrayBuffer,
                isAnyArrayBuffer: v => v instanceof ArrayBuffer, isTypedArray: v => ArrayBuffer.isView(v) && !(v instanceof DataView),
                isNativeError: v => v instanceof Error, isMap: v => v instanceof Map, isSet: v => v instanceof Set,
                isAsyncFunction: v => typeof v === 'function' && v.constructor && v.constructor.name === 'AsyncFunction',
            },
            isArray: Array.isArray,
            isString: v => typeof v === 'string',
            isFunction: v => typeof v === 'function',
            isObject: v => v !== null && typeof v === 'object',
        };
        util.promisify.custom = custom;
        return util;
    };
    B.events = () => {
        const events = rt.vendor('events');
        events.EventEmitter = events;
        return events;
    };
    B.buffer = () => {
        const buffer = rt.vendor('buffer');
        return Object.assign({}, buffer, { atob: globalThis.atob, btoa: globalThis.btoa });
    };
    B.string_decoder = () => ({
        StringDecoder: class StringDecoder {
            constructor(encoding = 'utf8') {
                this.encoding = String(encoding).toLowerCase().replace('-', '');
                this._decoder = this.encoding === 'utf8' ? new TextDecoder('utf-8') : null;
            }
            write(buf) {
                return this._decoder ? this._decoder.decode(buf, { stream: true }) : Buffer.from(buf).toString(this.encoding);
            }
            end(buf) {
                const head = buf ? this.write(buf) : '';
                return this._decoder ? head + this._decoder.decode() : head;
            }
        },
    });

    // ---------------------------------------------------------------- url, querystring, assert, timers, streams

    /** Node's querystring.parse: a repeated key gives an array. */
    function queryObject(s) {
        const out = Object.create(null);
        for (const [k, v] of new URLSearchParams(s || '')) {
            out[k] = k in out ? [].concat(out[k], v) : v;
        }
        return out;
    }

    /**
     * Node's legacy url.parse(s, parseQueryString, slashesDenoteHost): any string, relative ones too ('/cb?code=1'),
     * with fields that are null when absent and `query` an object when asked for.
     */
    function legacyParse(s, parseQuery, slashesDenoteHost) {
        const out = { protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: null,
            search: null, query: null, pathname: null, path: null, href: null };
        let rest = String(s).trim();
        const hashAt = rest.indexOf('#');
        if (hashAt >= 0) { out.hash = rest.slice(hashAt); rest = rest.slice(0, hashAt); }
        const searchAt = rest.indexOf('?');
        if (searchAt >= 0) { out.search = rest.slice(searchAt); out.query = rest.slice(searchAt + 1); rest = rest.slice(0, searchAt); }
        const protocol = /^[a-z][a-z0-9.+-]*:/i.exec(rest);
        if (protocol) { out.protocol = protocol[0].toLowerCase(); rest = rest.slice(protocol[0].length); }
        if (rest.startsWith('//') && (out.protocol || slashesDenoteHost) && out.protocol !== 'javascript:') {
            out.slashes = true;
            rest = rest.slice(2);
            const slash = rest.indexOf('/');
            let authority = slash >= 0 ? rest.slice(0, slash) : rest;
            rest = slash >= 0 ? rest.slice(slash) : '';
            const at = authority.lastIndexOf('@');
            if (at >= 0) { out.auth = decodeURIComponent(authority.slice(0, at)); authority = authority.slice(at + 1); }
            const port = /:(\d*)$/.exec(authority);
            if (port) { out.port = port[1] || null; authority = authority.slice(0, port.index); }
            out.hostname = authority.toLowerCase();
            out.host = out.hostname + (out.port ? ':' + out.port : '');
            if (!rest && /^(https?|ftp|wss?|file):$/.test(out.protocol || '')) rest = '/';
        }
        out.pathname = rest || null;
        if (parseQuery) out.query = queryObject(out.query);
        out.path = out.pathname === null && out.search === null ? null : (out.pathname || '') + (out.search || '');
        out.href = (out.protocol || '') + (out.slashes ? '//' : '') + (out.auth ? encodeURIComponent(out.auth).replace('%3A', ':') + '@' : '')
            + (out.host || '') + (out.path || '') + (out.hash || '');
        return out;
    }

    rt.fileURLToPath = u => {
        const url = typeof u === 'string' ? new URL(u) : u;
        if (url.protocol !== 'file:') throw new TypeError('The URL must be of scheme file');
        return decodeURIComponent(url.pathname);
    };
    B.url = () => ({
        URL, URLSearchParams,
        fileURLToPath: rt.fileURLToPath,
        pathToFileURL: p => new URL('file://' + encodeURI(builtin('path').resolve(p))),
        parse: legacyParse,
        format(obj) {
            if (obj instanceof URL) return obj.toString();
            if (typeof obj === 'string') return obj;
            const auth = obj.auth ? obj.auth + '@' : '';
            const host = obj.host || (obj.hostname ? obj.hostname + (obj.port ? ':' + obj.port : '') : '');
            const search = obj.search || (obj.query ? '?' + (typeof obj.query === 'string' ? obj.query : new URLSearchParams(obj.query)) : '');
            return `${obj.protocol ? obj.protocol.replace(/:?$/, ':') : ''}${host ? '//' : ''}${auth}${host}${obj.pathname || ''}${search}${obj.hash || ''}`;
        },
    });
    B.querystring = () => ({
        parse: queryObject,
        decode: queryObject,
        encode: o => new URLSearchParams(o).toString(),
        stringify: o => new URLSearchParams(o).toString(),
        escape: encodeURIComponent,
        unescape: decodeURIComponent,
    });
    B.assert = () => {
        function fail(message, fallback) {
            const err = message instanceof Error ? message : new Error(message || fallback);
            err.code = 'ERR_ASSERTION';
            throw err;
        }
        const assert = (value, message) => { if (!value) fail(message, 'The expression evaluated to a falsy value'); };
        assert.ok = assert;
        assert.equal = (a, b, m) => { if (a != b) fail(m, `${a} == ${b}`); };
        assert.strictEqual = (a, b, m) => { if (!Object.is(a, b)) fail(m, `Expected values to be strictly equal: ${a} !== ${b}`); };
        assert.notEqual = (a, b, m) => { if (a == b) fail(m, `${a} != ${b}`); };
        assert.notStrictEqual = (a, b, m) => { if (Object.is(a, b)) fail(m, `${a} !== ${b}`); };
        assert.deepEqual = assert.deepStrictEqual = (a, b, m) => { if (JSON.stringify(a) !== JSON.stringify(b)) fail(m, 'Expected values to be deeply equal'); };
        assert.fail = m => fail(m, 'Failed');
        assert.strict = assert;
        return assert;
    };
    B.timers = () => ({ setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate });
    B['timers/promises'] = () => ({
        setTimeout: (ms, value, options) => new Promise((resolve, reject) => {
            const signal = options && options.signal;
            if (signal && signal.aborted) { reject(new DOMException('The operation was aborted', 'AbortError')); return; }
            const t = setTimeout(() => resolve(value), ms);
            if (signal) signal.addEventListener('abort', () => { clearTimeout(t); reject(new DOMException('The operation was aborted', 'AbortError')); }, { once: true });
        }),
        setImmediate: value => new Promise(resolve => setImmediate(() => resolve(value))),
        scheduler: { wait: ms => new Promise(resolve => setTimeout(resolve, ms)), yield: () => new Promise(resolve => setImmediate(resolve)) },
    });
    B['stream/web'] = () => ({
        ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableByteStreamController,
        ReadableStreamDefaultController, WritableStream, WritableStreamDefaultWriter, TransformStream,
        ByteLengthQueuingStrategy, CountQueuingStrategy, TextEncoderStream, TextDecoderStream,
    });
    B.perf_hooks = () => ({ performance });
})
