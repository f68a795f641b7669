// ccr script runtime, part 5 of 6: the Node modules that reach outside the script: http and https (servers on the
// JDK's HttpServer, clients on the JDK HttpClient through ccr's proxy), child_process (ProcessBuilder), readline
// (ccr's own standard input) and stream (the vendored readable-stream, Node's streams as a library). The host refuses
// what a sandboxed script may not do; the refusal becomes an Error with code ERR_CCR_SANDBOX here.
(function (host, rt) {
    'use strict';
    const B = rt.builtins;
    const builtin = name => rt.requireBuiltin(name);
    const SANDBOX = 'ERR_CCR_SANDBOX';
    const once = make => { let made; return () => made || (made = make()); };

    /** An Error from a host answer such as "EADDRINUSE: ..." or "ERR_CCR_SANDBOX: ...", with Node's code. */
    function hostError(message, fallbackCode) {
        const text = String(message);
        const m = /^([A-Z][A-Z_]+): ?/.exec(text);
        const code = m ? m[1] : text.startsWith('ccr sandbox:') ? SANDBOX : fallbackCode;
        const err = new Error(m && m[1] === SANDBOX ? text.slice(m[0].length) : text);
        err.code = code;
        return err;
    }

    function sandboxError(message) {
        const err = new Error(message);
        err.code = SANDBOX;
        return err;
    }

    const toBuffer = (chunk, encoding) => typeof chunk === 'string' ? Buffer.from(chunk, encoding || 'utf8') : Buffer.from(rt.chunkBytes(chunk));

    // ---------------------------------------------------------------- stream

    B.stream = () => {
        const stream = rt.vendor('readable-stream/lib/ours/browser');
        return stream;
    };
    B['stream/promises'] = () => builtin('stream').Stream.promises;

    // ---------------------------------------------------------------- http and https

    /** Node's header object: lower-case names, repeated ones joined with ", " (set-cookie as an array). */
    function headerObject(pairs) {
        const headers = {};
        for (const [rawName, value] of pairs) {
            const name = rawName.toLowerCase();
            if (name === 'set-cookie') (headers[name] = headers[name] || []).push(value);
            else headers[name] = name in headers ? headers[name] + ', ' + value : value;
        }
        return headers;
    }

    function headerPairs(headers) {
        const pairs = [];
        if (!headers) return pairs;
        const entries = Array.isArray(headers) ? headers : Object.entries(headers);
        for (const [name, value] of entries) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) pairs.push([String(name), String(v)]);
        }
        return pairs;
    }

    function incomingMessage(headerList, readChunk) {
        const { Readable } = builtin('stream');
        const message = new Readable({ read() { readChunk(this); } });
        message.headers = headerObject(headerList);
        message.rawHeaders = headerList.flat();
        message.trailers = {};
        message.httpVersion = '1.1';
        message.httpVersionMajor = 1;
        message.httpVersionMinor = 1;
        message.setTimeout = () => message;
        return message;
    }

    /** The classes of http and https, made on first require (they extend the vendored EventEmitter). */
    const httpClasses = once(() => {
        /** Headers by lower-case name, keeping the spelling given: what ServerResponse and ClientRequest share, as in Node. */
        class OutgoingMessage extends (builtin('events')) {
            constructor() {
                super();
                this._headers = new Map();
            }
            setHeader(name, value) { this._headers.set(String(name).toLowerCase(), [String(name), value]); return this; }
            getHeader(name) { const h = this._headers.get(String(name).toLowerCase()); return h && h[1]; }
            getHeaders() { return Object.fromEntries([...this._headers].map(([k, [, v]]) => [k, v])); }
            getHeaderNames() { return [...this._headers.keys()]; }
            hasHeader(name) { return this._headers.has(String(name).toLowerCase()); }
            removeHeader(name) { this._headers.delete(String(name).toLowerCase()); }
            /** end(chunk?, encoding?, cb?) in any of Node's forms, as [chunk, encoding, cb]. */
            static endArgs(chunk, encoding, cb) {
                if (typeof chunk === 'function') return [undefined, undefined, chunk];
                if (typeof encoding === 'function') return [chunk, undefined, encoding];
                return [chunk, encoding, cb];
            }
        }

        class ServerResponse extends OutgoingMessage {
            constructor(exchange, req) {
                super();
                this._exchange = exchange;
                this.req = req;
                this.statusCode = 200;
                this.statusMessage = '';
                this.headersSent = false;
                this.finished = false;
                this.writableEnded = false;
                this.writableFinished = false;
                this.writable = true;
                this.sendDate = true;
            }
            appendHeader(name, value) {
                const old = this.getHeader(name);
                return this.setHeader(name, old === undefined ? value : [].concat(old, value));
            }
            writeHead(status, message, headers) {
                if (typeof message !== 'string') { headers = message; message = undefined; }
                this.statusCode = status;
                if (message) this.statusMessage = message;
                for (const [name, value] of Array.isArray(headers) ? pairsOf(headers) : Object.entries(headers || {})) this.setHeader(name, value);
                return this;
            }
            flushHeaders() { this._head(0); }
            _head(length) {
                if (this.headersSent) return;
                this.headersSent = true;
                const pairs = headerPairs([...this._headers.values()]).filter(([n]) => n.toLowerCase() !== 'content-length');
                host.respondHead(this._exchange, this.statusCode, JSON.stringify(pairs), length);
            }
            write(chunk, encoding, cb) {
                if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
                if (this.writableEnded) throw new Error('write after end');
                this._head(0);
                const bytes = toBuffer(chunk, encoding);
                if (bytes.length > 0) host.respondWrite(this._exchange, rt.toHost(bytes));
                if (cb) queueMicrotask(cb);
                return true;
            }
            end(...args) {
                const [chunk, encoding, cb] = OutgoingMessage.endArgs(...args);
                if (this.writableEnded) return this;
                const bytes = chunk === undefined || chunk === null ? null : toBuffer(chunk, encoding);
                this._head(bytes && bytes.length > 0 ? bytes.length : -1);
                if (bytes && bytes.length > 0) host.respondWrite(this._exchange, rt.toHost(bytes));
                host.respondEnd(this._exchange);
                this.writableEnded = this.finished = true;
                this.writable = false;
                queueMicrotask(() => {
                    this.writableFinished = true;
                    this.emit('finish');
                    this.emit('close');
                    if (cb) cb();
                });
                return this;
            }
            setTimeout() { return this; }
        }

        function pairsOf(flat) {
            if (flat.length && Array.isArray(flat[0])) return flat;
            const pairs = [];
            for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
            return pairs;
        }

        class Server extends (builtin('events')) {
            constructor(options, listener) {
                super();
                if (typeof options === 'function') listener = options;
                if (listener) this.on('request', listener);
                this.listening = false;
                this._id = null;
                this._address = null;
            }
            listen(...args) {
                const cb = typeof args[args.length - 1] === 'function' ? args.pop() : null;
                let port = 0;
                let address = '127.0.0.1';   // loopback unless the script names an address (Node's default is every interface)
                if (args[0] !== null && typeof args[0] === 'object') {
                    port = Number(args[0].port || 0);
                    if (args[0].host) address = args[0].host;
                } else {
                    if (args[0] !== undefined) port = Number(args[0]);
                    if (typeof args[1] === 'string') address = args[1];
                }
                if (address === 'localhost') address = '127.0.0.1';
                if (cb) this.once('listening', cb);
                const r = host.listen(address, port, (exchange, method, path, headersJson, body, remote) =>
                    this._request(exchange, method, path, JSON.parse(headersJson), body, remote));
                if (r[0] !== null) {
                    const err = hostError(r[0], 'EACCES');
                    err.syscall = 'listen';
                    err.address = address;
                    err.port = port;
                    if (err.code === SANDBOX) throw err;
                    queueMicrotask(() => this.emit('error', err));
                    return this;
                }
                this._id = r[1];
                this._address = { address, family: address.includes(':') ? 'IPv6' : 'IPv4', port: r[2] };
                this.listening = true;
                queueMicrotask(() => this.emit('listening'));
                return this;
            }
            _request(exchange, method, path, headerList, body, remote) {
                let sent = false;
                const req = incomingMessage(headerList, stream => {
                    if (sent) return;
                    sent = true;
                    const bytes = rt.fromHost(body);
                    if (bytes.length > 0) stream.push(Buffer.from(bytes));
                    stream.push(null);
                });
                req.method = method;
                req.url = path;
                req.socket = req.connection = { remoteAddress: remote, remotePort: 0, encrypted: false, setTimeout() {}, destroy() {} };
                const res = new ServerResponse(exchange, req);
                res.socket = req.socket;
                try {
                    this.emit('request', req, res);
                } catch (e) {
                    rt.logger('http').error(`a request handler threw: ${rt.describe(e)}`);
                    if (!res.headersSent) { res.statusCode = 500; res.end(); }
                }
            }
            address() { return this._address; }
            close(cb) {
                if (this._id !== null) host.closeServer(this._id);
                this._id = null;
                this.listening = false;
                queueMicrotask(() => { this.emit('close'); if (cb) cb(); });
                return this;
            }
            closeAllConnections() {}
            closeIdleConnections() {}
            setTimeout() { return this; }
            ref() { return this; }
            unref() { return this; }
        }

        /** The options of http.request(url?, options?, callback?) as one object. */
        function requestOptions(secure, args) {
            let options = {};
            if (typeof args[0] === 'string' || (args[0] && typeof args[0].href === 'string')) {
                const u = new URL(String(args[0].href || args[0]));
                options = { protocol: u.protocol, hostname: u.hostname, port: u.port, path: u.pathname + u.search,
                    auth: u.username ? decodeURIComponent(u.username) + ':' + decodeURIComponent(u.password) : undefined };
                args = args.slice(1);
            }
            if (args[0] && typeof args[0] === 'object') { options = Object.assign(options, args[0]); args = args.slice(1); }
            const cb = typeof args[0] === 'function' ? args[0] : null;
            const protocol = options.protocol || (secure ? 'https:' : 'http:');
            const hostname = options.hostname || (options.host ? String(options.host).replace(/:\d+$/, '') : 'localhost');
            const port = options.port ? ':' + options.port : '';
            const url = `${protocol}//${hostname.includes(':') ? '[' + hostname + ']' : hostname}${port}${options.path || '/'}`;
            return { options, cb, url };
        }

        class ClientRequest extends OutgoingMessage {
            constructor(url, options) {
                super();
                this.method = String(options.method || 'GET').toUpperCase();
                this.path = options.path || '/';
                this.host = options.hostname || options.host;
                this._url = url;
                for (const [name, value] of Object.entries(options.headers || {})) this.setHeader(name, value);
                if (options.auth && !this.hasHeader('authorization')) this.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
                this._timeout = Number(options.timeout || 0);
                this._tls = { insecure: options.rejectUnauthorized === false };
                if (options.ca) this._tls.ca = [].concat(options.ca).map(c => String(c)).join('\n');
                this._chunks = [];
                this._id = null;
                this.writableEnded = false;
                this.destroyed = false;
                this.aborted = false;
                this.headersSent = false;
                this.reusedSocket = false;
                this.socket = { setTimeout() {}, setNoDelay() {}, setKeepAlive() {}, destroy() {}, on() {}, once() {}, remoteAddress: this.host };
            }
            setTimeout(ms, cb) { this._timeout = Number(ms); if (cb) this.once('timeout', cb); return this; }
            setNoDelay() {}
            setSocketKeepAlive() {}
            flushHeaders() {}
            write(chunk, encoding, cb) {
                if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
                this._chunks.push(toBuffer(chunk, encoding));
                if (cb) queueMicrotask(cb);
                return true;
            }
            end(...args) {
                const [chunk, encoding, cb] = OutgoingMessage.endArgs(...args);
                if (this.writableEnded) return this;
                if (chunk !== undefined && chunk !== null) this._chunks.push(toBuffer(chunk, encoding));
                this.writableEnded = true;
                this.headersSent = true;
                const body = this._chunks.length ? Buffer.concat(this._chunks) : null;
                const pairs = headerPairs([...this._headers.values()]);
                this._id = host.fetch(this.method, this._url, JSON.stringify(pairs), body ? rt.toHost(new Uint8Array(body)) : null,
                    this._timeout, false, (error, status, statusText, headersJson, streamId) => this._answer(error, status, headersJson, streamId),
                    JSON.stringify(this._tls));
                queueMicrotask(() => { this.emit('finish'); if (cb) cb(); });
                return this;
            }
            _answer(error, status, headersJson, streamId) {
                if (this.destroyed) { if (!error) host.closeStream(streamId); return; }
                if (error !== null && error !== undefined) {
                    const text = String(error);
                    const timedOut = /Timeout/i.test(text);
                    if (timedOut) this.emit('timeout');
                    const code = text.startsWith(SANDBOX) ? SANDBOX : /ConnectException/.test(text) ? 'ECONNREFUSED'
                        : timedOut ? 'ETIMEDOUT' : /SSL|certificate|PKIX/i.test(text) ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : 'ECONNRESET';
                    const err = hostError(text, code);
                    err.code = code;
                    this.destroyed = true;
                    this.emit('error', err);
                    this.emit('close');
                    return;
                }
                const res = incomingMessage(JSON.parse(headersJson), stream => host.read(streamId, (buffer, readError) => {
                    if (readError !== null && readError !== undefined) stream.destroy(hostError(readError, 'ECONNRESET'));
                    else stream.push(buffer === null || buffer === undefined ? null : Buffer.from(rt.fromHost(buffer)));
                }));
                res.statusCode = status;
                res.statusMessage = STATUS_CODES[status] || '';
                res.url = '';
                res.req = this;
                res.socket = this.socket;
                res.on('end', () => this.emit('close'));
                this.res = res;
                if (!this.emit('response', res)) res.resume();
            }
            abort() { this.aborted = true; this.destroy(); }
            destroy(err) {
                if (this.destroyed) return this;
                this.destroyed = true;
                if (this._id !== null) host.abortFetch(this._id);
                if (this.res) this.res.destroy();
                queueMicrotask(() => { if (err) this.emit('error', err); this.emit('close'); });
                return this;
            }
        }

        const STATUS_CODES = {
            200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
            400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
            429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
        };

        class Agent extends (builtin('events')) {
            constructor(options) { super(); this.options = options || {}; this.keepAlive = !!this.options.keepAlive; }
            destroy() {}
        }
        return { ServerResponse, Server, ClientRequest, Agent, STATUS_CODES, requestOptions };
    });

    function httpModule(secure) {
        const { ServerResponse, Server, ClientRequest, Agent, STATUS_CODES, requestOptions } = httpClasses();
        const request = (...args) => {
            const { options, cb, url } = requestOptions(secure, args);
            const req = new ClientRequest(url, options);
            if (cb) req.once('response', cb);
            return req;
        };
        const get = (...args) => { const req = request(...args); req.end(); return req; };
        return {
            createServer: (options, listener) => new Server(options, listener),
            Server,
            ServerResponse,
            ClientRequest,
            IncomingMessage: builtin('stream').Readable,
            Agent,
            globalAgent: new Agent(),
            request,
            get,
            STATUS_CODES,
            METHODS: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
        };
    }

    B.http = () => httpModule(false);
    B.https = () => {
        const https = httpModule(true);
        https.createServer = () => { throw new Error('https.createServer() is not supported in ccr scripts; serve http on 127.0.0.1'); };
        return https;
    };

    // ---------------------------------------------------------------- child_process

    const childProcessClass = once(() => {
        class ChildProcess extends (builtin('events')) {
            constructor() {
                super();
                const EventEmitter = builtin('events');
                const { Readable } = builtin('stream');
                this.stdout = new Readable({ read() {} });
                this.stderr = new Readable({ read() {} });
                this.stdin = new EventEmitter();
                this.stdin.write = (chunk, encoding, cb) => {
                    if (typeof encoding === 'function') cb = encoding;
                    if (this._id !== null) host.processInput(this._id, rt.toHost(new Uint8Array(toBuffer(chunk, typeof encoding === 'string' ? encoding : undefined))));
                    if (cb) queueMicrotask(cb);
                    return true;
                };
                this.stdin.end = (chunk, encoding, cb) => {
                    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
                    if (chunk !== undefined && chunk !== null) this.stdin.write(chunk, encoding);
                    if (this._id !== null) host.processInput(this._id, null);
                    if (typeof cb === 'function') queueMicrotask(cb);
                };
                this.stdin.destroy = () => this.stdin.end();
                this.stdio = [this.stdin, this.stdout, this.stderr];
                this._id = null;
                this.pid = undefined;
                this.exitCode = null;
                this.signalCode = null;
                this.killed = false;
            }
            kill(signal) {
                if (this._id === null || this.exitCode !== null) return false;
                this.killed = true;
                host.killProcess(this._id, signal === 'SIGKILL' || signal === 9);
                return true;
            }
            ref() { return this; }
            unref() { return this; }
        }
        return ChildProcess;
    });

    /** [command, args] for a shell line, as Node's `shell: true`. */
    function shellLine(command, options) {
        const shell = typeof options.shell === 'string' ? options.shell : rt.settings.os.platform === 'win32' ? 'cmd.exe' : '/bin/sh';
        return shell.endsWith('cmd.exe') ? [shell, ['/d', '/s', '/c', command]] : [shell, ['-c', command]];
    }

    function processOptions(options) {
        const env = options.env ? Object.fromEntries(Object.entries(options.env).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])) : null;
        return JSON.stringify({ cwd: options.cwd ? String(options.cwd) : null, env, input: options.input === undefined ? null : String(options.input),
            timeout: options.timeout || 0 });
    }

    function spawn(command, args, options) {
        if (!Array.isArray(args)) { options = args; args = []; }
        options = options || {};
        let [file, argv] = [String(command), args.map(String)];
        if (options.shell) [file, argv] = shellLine([command, ...args].join(' '), options);
        const child = new (childProcessClass())();
        child.spawnfile = file;
        child.spawnargs = [file, ...argv];
        const r = host.spawn(file, JSON.stringify(argv), processOptions(options), (event, a, b) => {
            if (event === 'stdout') child.stdout.push(Buffer.from(rt.fromHost(a)));
            else if (event === 'stderr') child.stderr.push(Buffer.from(rt.fromHost(a)));
            else if (event === 'exit') {
                child.exitCode = a;
                child.signalCode = b;
                child.stdout.push(null);
                child.stderr.push(null);
                child.emit('exit', a, b);
                child.emit('close', a, b);
            }
        });
        if (r[0] !== null) {
            const err = hostError(r[0], 'ENOENT');
            if (err.code === SANDBOX) throw err;
            err.syscall = 'spawn ' + file;
            err.path = file;
            err.spawnargs = argv;
            queueMicrotask(() => { child.emit('error', err); child.emit('close', -2, null); });
            return child;
        }
        child._id = r[1];
        child.pid = r[2];
        queueMicrotask(() => child.emit('spawn'));
        return child;
    }

    /** Runs a child to its end, collecting output; callback(error, stdout, stderr) as exec and execFile do. */
    function collect(child, options, cb, commandLine) {
        const encoding = options.encoding === undefined ? 'utf8' : options.encoding;
        const out = [], err = [];
        child.stdout.on('data', c => out.push(c));
        child.stderr.on('data', c => err.push(c));
        const text = chunks => { const b = Buffer.concat(chunks); return encoding && encoding !== 'buffer' ? b.toString(encoding) : b; };
        let done = false;
        const finish = (error, code, signal) => {
            if (done) return;
            done = true;
            const stdout = text(out), stderr = text(err);
            if (!error && (code !== 0 || signal)) {
                error = new Error(`Command failed: ${commandLine}\n${Buffer.concat(err).toString()}`);
                error.code = code;
                error.killed = child.killed;
                error.signal = signal;
                error.cmd = commandLine;
            }
            if (error) { error.stdout = stdout; error.stderr = stderr; }
            if (cb) cb(error || null, stdout, stderr);
        };
        child.on('error', e => finish(e));
        child.on('close', (code, signal) => finish(null, code, signal));
        if (options.timeout > 0) {
            const timer = setTimeout(() => child.kill(options.killSignal || 'SIGTERM'), options.timeout);
            child.on('close', () => clearTimeout(timer));
        }
        return child;
    }

    function callbackArgs(args) {
        const cb = typeof args[args.length - 1] === 'function' ? args.pop() : null;
        return [args, cb];
    }

    function runSync(file, argv, options) {
        const r = host.spawnSync(file, JSON.stringify(argv), processOptions(options));
        if (r[0] !== null) {
            const err = hostError(r[0], 'ENOENT');
            err.path = file;
            throw err;
        }
        const encoding = options.encoding === undefined || options.encoding === 'buffer' ? null : options.encoding;
        const wrap = b => { const buf = Buffer.from(rt.fromHost(b)); return encoding ? buf.toString(encoding) : buf; };
        return { status: r[1], signal: null, stdout: wrap(r[2]), stderr: wrap(r[3]), pid: 0, output: [null, wrap(r[2]), wrap(r[3])] };
    }

    function checkedSync(result, commandLine) {
        if (result.status !== 0) {
            const err = new Error(`Command failed: ${commandLine}\n${result.stderr}`);
            err.status = result.status;
            err.stdout = result.stdout;
            err.stderr = result.stderr;
            throw err;
        }
        return result.stdout;
    }

    B.child_process = () => ({
        ChildProcess: childProcessClass(),
        spawn,
        exec(command, ...rest) {
            const [args, cb] = callbackArgs(rest);
            const options = args[0] || {};
            const [file, argv] = shellLine(command, options);
            return collect(spawn(file, argv, options), options, cb, command);
        },
        execFile(file, ...rest) {
            const [args, cb] = callbackArgs(rest);
            const argv = Array.isArray(args[0]) ? args.shift() : [];
            const options = args[0] || {};
            return collect(spawn(file, argv, options), options, cb, [file, ...argv].join(' '));
        },
        fork() { throw new Error('child_process.fork() is not supported in ccr scripts (there is no node to fork)'); },
        spawnSync(command, args, options) {
            if (!Array.isArray(args)) { options = args; args = []; }
            options = options || {};
            let [file, argv] = [command, (args || []).map(String)];
            if (options.shell) [file, argv] = shellLine([command, ...argv].join(' '), options);
            return runSync(file, argv, options);
        },
        execSync(command, options) {
            options = Object.assign({ encoding: 'buffer' }, options || {});
            const [file, argv] = shellLine(command, options);
            return checkedSync(runSync(file, argv, options), command);
        },
        execFileSync(file, args, options) {
            if (!Array.isArray(args)) { options = args; args = []; }
            options = Object.assign({ encoding: 'buffer' }, options || {});
            return checkedSync(runSync(file, args.map(String), options), [file, ...args].join(' '));
        },
    });

    // ---------------------------------------------------------------- readline

    /** Throws at once when there is no terminal to read (a daemon, or a sandboxed script). */
    function hostReadLine(callback) {
        const unavailable = host.readLine(callback);
        if (unavailable !== null && unavailable !== undefined) {
            const err = unavailable.startsWith('ccr sandbox') ? sandboxError(unavailable) : new Error(unavailable);
            if (!err.code) err.code = 'ERR_CCR_NO_TERMINAL';
            throw err;
        }
    }

    const interfaceClass = once(() => {
        class Interface extends (builtin('events')) {
            constructor(input, output) {
                super();
                hostReadLine(null);
                const options = input && typeof input === 'object' && 'input' in input ? input : { input, output };
                this.output = options.output;
                this.terminal = false;
                this.line = '';
                this.closed = false;
                this._prompt = options.prompt === undefined ? '> ' : String(options.prompt);
                this._questions = [];
                this._reading = false;
                this.on('newListener', event => { if (event === 'line') queueMicrotask(() => this._pump()); });
            }
            /** Reads the next line when someone waits for one (a question or a 'line' listener); lines go to questions first. */
            _pump() {
                if (this._reading || this.closed || (this._questions.length === 0 && this.listenerCount('line') === 0)) return;
                this._reading = true;
                hostReadLine(line => {
                    this._reading = false;
                    if (this.closed) return;
                    if (line === null) { this.close(); return; }
                    const question = this._questions.shift();
                    if (question) question(line); else this.emit('line', line);
                    this._pump();
                });
            }
            _write(text) {
                if (this.output && typeof this.output.write === 'function') this.output.write(text);
            }
            question(query, options, cb) {
                if (typeof options === 'function') cb = options;
                if (this.closed) throw Object.assign(new Error('readline was closed'), { code: 'ERR_USE_AFTER_CLOSE' });
                this._write(String(query));
                this._questions.push(cb);
                this._pump();
            }
            setPrompt(p) { this._prompt = String(p); }
            getPrompt() { return this._prompt; }
            prompt() { this._write(this._prompt); this._pump(); }
            write(text) { this._write(String(text)); }
            pause() { this.emit('pause'); return this; }
            resume() { this.emit('resume'); this._pump(); return this; }
            close() {
                if (this.closed) return;
                this.closed = true;
                this.emit('close');
            }
            [Symbol.asyncIterator]() {
                const lines = [];
                const waiting = [];
                this.on('line', line => { const w = waiting.shift(); if (w) w({ value: line, done: false }); else lines.push(line); });
                this.on('close', () => { for (const w of waiting.splice(0)) w({ value: undefined, done: true }); });
                return {
                    next: () => lines.length ? Promise.resolve({ value: lines.shift(), done: false })
                        : this.closed ? Promise.resolve({ value: undefined, done: true })
                            : new Promise(resolve => waiting.push(resolve)),
                    return: () => { this.close(); return Promise.resolve({ value: undefined, done: true }); },
                    [Symbol.asyncIterator]() { return this; },
                };
            }
        }
        return Interface;
    });

    B.readline = () => {
        const Interface = interfaceClass();
        return {
            Interface,
            createInterface: (input, output) => new Interface(input, output),
            clearLine: (stream, dir, cb) => { if (cb) cb(); return true; },
            clearScreenDown: (stream, cb) => { if (cb) cb(); return true; },
            cursorTo: (stream, x, y, cb) => { if (typeof y === 'function') y(); else if (cb) cb(); return true; },
            moveCursor: (stream, dx, dy, cb) => { if (cb) cb(); return true; },
            emitKeypressEvents: () => {},
            promises: {
                Interface,
                createInterface(input, output) {
                    const rl = new Interface(input, output);
                    const ask = rl.question.bind(rl);
                    rl.question = (query, options) => new Promise(resolve => ask(query, options, resolve));
                    return rl;
                },
            },
        };
    };
    B['readline/promises'] = () => builtin('readline').promises;
})
